/**
 * Typed server-sent events (an OpenAPI 3.2 `itemSchema` describing whole events): each event is an item
 * `{ event, data, id, retry }` with only the fields it has, its data decoded as JSON for the events whose schema
 * says so and kept as text otherwise. Emitted code passes `typedEvents(…)` as `StreamOpenOptions.events` for the
 * operations that stream such events, so a package without them ships none of this (`sse.ts` reads the events).
 */
import type { EventItems } from './core.js';
import { parseItem } from './parse-item.js';

/** `jsonData`: the names of the events whose data is JSON (`message` for unnamed ones), or `true` for all. */
export function typedEvents(jsonData: true | readonly string[]): EventItems {
  return {
    json: (name) => jsonData === true || jsonData.includes(name),
    item(event, json) {
      const item: Record<string, unknown> = {};
      if (event.event !== undefined) item.event = event.event;
      item.data = json
        ? parseItem(event.data, `the data of the server-sent event ${event.event ?? 'message'}`)
        : event.data;
      if (event.id !== undefined) item.id = event.id;
      if (event.retry !== undefined) item.retry = event.retry;
      return item;
    },
  };
}
