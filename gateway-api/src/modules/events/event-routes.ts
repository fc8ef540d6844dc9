import { callerOf } from '../../plugins/infrastructure/auth';
import type { RoutesPlugin } from '../../shared/type-provider';
import { EventVisibility } from './event-visibility';
import { EventStreamSchema } from './schemas';
import { startPosition, streamEvents } from './sse-stream';

export const eventRoutes: RoutesPlugin = async (app) => {
  app.get('/v1/events', { schema: EventStreamSchema }, async (request, reply) => {
    const viewer = callerOf(request).org.id;
    const after = startPosition(request.headers['last-event-id'], request.query.from);
    const visibility = new EventVisibility(app.events.directory.forViewer(viewer));
    const subscription = app.events.fanout.subscribe(after);
    reply.hijack();
    const set = Object.entries(reply.getHeaders()).filter(
      (entry): entry is [string, string | number | string[]] => entry[1] !== undefined,
    );
    reply.raw.writeHead(200, {
      ...Object.fromEntries(set),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // The connection ends with the stream: a kept-alive one would hold up the hub's close.
      connection: 'close',
      'x-accel-buffering': 'no',
      'x-request-id': request.id,
    });
    await streamEvents(
      reply.raw,
      subscription,
      (event) => visibility.mayView(viewer, event),
      request.log,
    );
  });
};
