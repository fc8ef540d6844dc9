import { Type } from '@sinclair/typebox';
import { problems } from '../../shared/schemas';
import { HEARTBEAT_MS } from './sse-stream';

export const DESCRIPTION = `Server-Sent Events (text/event-stream) of the ledger events this key's
organization may see: registry, certificate and credit events for every key; events of an
authorization (created, revoked, each access allowed or denied, a credit report read through
it, a subject forgotten) only for its creator, its grantee and AUDITORs. Each event is
\`id: <blockNumber>:<txIndex>:<eventIndex>\`, \`event: <name>\`, \`data: {id, event, txId,
blockNumber, txIndex, eventIndex, payload}\`; \`eventIndex\` is the event's position among its
transaction's events (an EVM transaction may log several; a Fabric one sets one, always 0).
Without \`Last-Event-ID\` or \`from\`, the stream starts with the next event committed.
\`Last-Event-ID\` resumes after that event; a two-part id \`<blockNumber>:<txIndex>\` (as streams
sent before events had an index) names the transaction's first event, \`:0\`. \`from\` starts
at that block.
Comment lines (\`: heartbeat\`) are sent every ${HEARTBEAT_MS / 1000} s.`;

export const EventStreamSchema = {
  tags: ['events'],
  summary: 'Ledger events this key may see, as Server-Sent Events',
  description: DESCRIPTION,
  querystring: Type.Object(
    { from: Type.Optional(Type.Integer({ minimum: 0, description: 'first block' })) },
    { additionalProperties: false },
  ),
  headers: Type.Object({
    'last-event-id': Type.Optional(
      Type.String({
        description:
          'resume after this event id (`<block>:<txIndex>:<eventIndex>`; `<block>:<txIndex>` is `:0`)',
      }),
    ),
  }),
  response: {
    200: {
      description: 'text/event-stream',
      content: { 'text/event-stream': { schema: Type.String() } },
    },
    ...problems(400, 401, 403, 429, 503),
  },
};
