import { AUTHORIZATION_EVENTS, LEDGER_EVENTS, PUBLIC_EVENTS } from '@citytrust/domain';

/**
 * The ledger events the hub publishes (the domain's names): public ones go to every key,
 * authorization ones only to the authorization's parties (see `event-visibility.ts`).
 */
export { AUTHORIZATION_EVENTS, PUBLIC_EVENTS };

export const EVENT_NAMES: readonly string[] = LEDGER_EVENTS;

/** In a webhook's `events[]`: every event its owner may see. */
export const ALL_EVENTS = '*';

export const isKnownEventName = (name: string): boolean => EVENT_NAMES.includes(name);
