/**
 * Parsing the JSON text of one streamed item (an event's data, an NDJSON line): text that is not JSON throws an
 * `SDKError` that quotes it, cut to 200 characters so that a long payload does not flood the message.
 */
import { SDKError } from './errors.js';

const MAX_QUOTED = 200;

/** `data` as a JSON string literal, cut to 200 characters. */
export function quote(data: string): string {
  return JSON.stringify(data.length > MAX_QUOTED ? `${data.slice(0, MAX_QUOTED)}…` : data);
}

/** `JSON.parse(data)`; `what` names the text in the error, e.g. "the server-sent event data". */
export function parseItem(data: string, what: string): unknown {
  try {
    return JSON.parse(data);
  } catch (err) {
    throw new SDKError(`Could not parse ${what} as JSON: ${quote(data)}`, { cause: err });
  }
}
