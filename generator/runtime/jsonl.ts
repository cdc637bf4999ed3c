/**
 * JSON Lines / NDJSON as a streaming format (`jsonlFormat`): one JSON value per line, asked for with
 * `accept: application/jsonl` (or the media type the spec names, e.g. `application/x-ndjson`), and accepted under
 * each of its names (`isJSONLines`). The items are decoded by `NDJSONItemSource` (`ndjson.ts`), the same decoder
 * that `Stream.fromReadableStream()` reads with: blank lines skipped, a final line without a line end delivered,
 * a body cut in the middle of a value an `APIConnectionError`, a line that is not JSON an error quoting it.
 */
import type { StreamFormat, StreamOpenOptions } from './core.js';
import { isJSONLines } from './media-type.js';
import { NDJSONItemSource } from './ndjson.js';
import { Stream } from './stream.js';

export const jsonlFormat = {
  mediaType: 'application/jsonl',
  accepts: isJSONLines,
  open: <T,>(response: Response, controller: AbortController, options: StreamOpenOptions = {}) =>
    Stream.fromResponse<T>(response, controller, new NDJSONItemSource<T>(), options),
} satisfies StreamFormat;
