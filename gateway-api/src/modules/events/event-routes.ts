import type { ServerResponse } from 'node:http';
import { Type } from '@sinclair/typebox';
import { callerOf } from '../../plugins/infrastructure/auth';
import { Problem } from '../../shared/problem';
import { messageOf } from './event-message';
import { beforeBlock, parseEventId, type EventPosition } from './event-position';
import { EventVisibility } from './event-visibility';
import { problems } from '../../shared/schemas';
import type { RoutesPlugin } from '../../shared/type-provider';

/** A comment line this often keeps proxies and clients from timing the stream out. */
const HEARTBEAT_MS = 15_000;
/** What an EventSource waits before reconnecting (it then sends Last-Event-ID). */
const RECONNECT_MS = 3_000;

const DESCRIPTION = `Server-Sent Events (text/event-stream) of the ledger events this key's
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

/** Waits until the socket takes more, or is gone. */
const drained = (raw: ServerResponse): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      raw.off('drain', done);
      raw.off('close', done);
      resolve();
    };
    raw.once('drain', done);
    raw.once('close', done);
  });

export const eventRoutes: RoutesPlugin = async (app) => {
  app.get(
    '/v1/events',
    {
      schema: {
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
      },
    },
    async (request, reply) => {
      const viewer = callerOf(request).org.id;
      const lastEventId = request.headers['last-event-id'];
      let after: EventPosition | null = null;
      if (typeof lastEventId === 'string' && lastEventId !== '') {
        const parsed = parseEventId(lastEventId);
        if (!parsed)
          throw new Problem(
            'validation',
            'Last-Event-ID must be an event id "<block>:<txIndex>:<eventIndex>"',
          );
        after = parsed;
      } else if (request.query.from !== undefined) {
        after = beforeBlock(request.query.from);
      }
      const visibility = new EventVisibility(app.events.directory.forViewer(viewer));
      const subscription = app.events.fanout.subscribe(after);

      reply.hijack();
      const raw = reply.raw;
      const set = Object.entries(reply.getHeaders()).filter(
        (entry): entry is [string, string | number | string[]] => entry[1] !== undefined,
      );
      raw.writeHead(200, {
        ...Object.fromEntries(set),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        // The connection ends with the stream: a kept-alive one would hold up the hub's close.
        connection: 'close',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      raw.write(`retry: ${RECONNECT_MS}\n: connected\n\n`);
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
      // The client went away: stop reading the ledger for it.
      raw.on('close', () => {
        subscription.close();
      });
      try {
        for await (const event of subscription) {
          if (!(await visibility.mayView(viewer, event))) continue;
          const message = messageOf(event);
          const frame = `id: ${message.id}\nevent: ${message.event}\ndata: ${JSON.stringify(message)}\n\n`;
          if (!raw.write(frame)) await drained(raw);
        }
      } catch (error) {
        // The client reconnects with the last id it got; the event that failed is sent again.
        request.log.warn({ err: error }, 'event stream ended early');
      } finally {
        clearInterval(heartbeat);
        subscription.close();
        raw.end();
      }
    },
  );
};
