/**
 * Which operations stream, in which format, with which item type, and how a request selects the stream.
 *
 * A success response that offers a sequential media type streams: `text/event-stream` (format `sse`), JSON Lines
 * and NDJSON (`jsonl`: `application/jsonl`, `application/x-ndjson`, …), JSON text sequences (`json-seq`:
 * `application/json-seq`, `application/geo+json-seq`, …). A new format is its runtime module
 * (`generator/runtime/<format>.ts`, exporting `<format>Format`, which the emitted code imports) and its entry in
 * `FORMATS` (the media types that carry it, the one it asks for by default, its name in words): `StreamFormat` is
 * the keys of `FORMATS`.
 *
 * The type of one item (`streamItem`):
 * - an OpenAPI 3.2 `itemSchema` is the item;
 * - else a `schema` that is an array types the whole stream, so its `items` type each item (the 3.2 rule; in a
 *   3.0/3.1 spec this is ambiguous, and warned: `stream-item-ambiguous`);
 * - else (3.0/3.1, the published convention, as in the OpenAI spec) `schema` is the type of one item; for `sse`,
 *   of each event's JSON `data`.
 * An `sse` item schema given as `itemSchema` that describes whole events (`{ event, data, id, retry }`, see
 * `sse-events.ts`) makes the stream yield typed events, their JSON data decoded.
 *
 * How a request selects the stream:
 * - `body-property`: a boolean `stream` property of the JSON body (`true`), else a property whose values include the
 *   format's name (`stream_format: 'sse'`): the method is overloaded on it;
 * - `accept`: the response offers several sequential media types; the request asks for the first (in document
 *   order) with `Accept`, and the method returns its stream;
 * - `response-content-type`: nothing selects it and the response also offers other content: the response's content
 *   type tells;
 * - `always`: the stream is the only success content.
 * The terminator it is known to end with comes from `stream-terminator.ts`.
 */
import type { Diagnostic } from '../diagnostics.js';
import { escapePointerToken } from '../util/json-pointer.js';
import { isEventStream, isJSONLines, isJSONSeq } from '../util/media-type.js';
import { sseEvents } from './sse-events.js';
import type { IRContent, IROperation, IRResponse, IRSchema, IRStreaming, StreamFormat } from './types.js';
import { descriptionsIn, knownTerminator } from './stream-terminator.js';
import { isBoolean, literalValues, propertiesOf, resolved } from './walk.js';

/**
 * Each format: the media types that carry it (the rule is the runtime's, see `util/media-type.ts`), the one a
 * request asks for unless the spec names another (the runtime format's `mediaType`), and its name in words (for
 * `diff`). The registration of a format.
 */
export const FORMATS = {
  sse: { accepts: isEventStream, mediaType: 'text/event-stream', title: 'server-sent events' },
  jsonl: { accepts: isJSONLines, mediaType: 'application/jsonl', title: 'JSON Lines' },
  'json-seq': { accepts: isJSONSeq, mediaType: 'application/json-seq', title: 'JSON text sequences' },
} as const satisfies Record<string, { accepts: (mediaType: string) => boolean; mediaType: string; title: string }>;

/** The format a media type streams in, if it is a sequential one. */
export function streamFormat(mediaType: string): StreamFormat | undefined {
  return (Object.keys(FORMATS) as StreamFormat[]).find((format) => FORMATS[format].accepts(mediaType));
}

/** What detection needs to know of the document: its OpenAPI version (the item rule differs) and where to warn. */
export interface StreamingContext {
  version: string;
  warn: (d: Diagnostic) => void;
}

export function detectStreaming(
  op: Omit<IROperation, 'place'>,
  named: ReadonlyMap<string, IRSchema>,
  context: StreamingContext = { version: '3.1.0', warn: () => {} },
): IRStreaming | undefined {
  for (const r of op.responses) {
    if (!isSuccess(r.status)) continue;
    const streams = r.contents.filter((c) => streamFormat(c.mediaType));
    const stream = streams[0];
    if (!stream) continue;
    const format = streamFormat(stream.mediaType)!;
    const selector =
      requestSelector(op, named, format) ??
      (streams.length > 1 ? { by: 'accept' as const } : r.contents.some((c) => c !== stream) ? { by: 'response-content-type' as const } : { by: 'always' as const });
    const terminator = knownTerminator([stream.extensions, op.extensions], prose(op, r, named));
    const pointer = `${op.pointer}/responses/${escapePointerToken(r.status)}/content/${escapePointerToken(stream.mediaType)}`;
    const item = streamItem(stream, named, context, pointer);
    const events = format === 'sse' && stream.itemSchema ? sseEvents(item, named) : undefined;
    return {
      format,
      mediaType: stream.mediaType,
      item: events?.item ?? item,
      selector,
      ...(events ? { events: { jsonData: events.jsonData } } : {}),
      ...(terminator ? { terminator: terminator.value, terminatorSource: terminator.source } : {}),
    };
  }
  return undefined;
}

/** The type of one item of a sequential content (the rule in this module's header). */
export function streamItem(content: IRContent, named: ReadonlyMap<string, IRSchema>, context: StreamingContext, pointer: string): IRSchema {
  if (content.itemSchema) return content.itemSchema;
  const whole = resolved(content.schema, named);
  if (whole?.kind !== 'array') return content.schema;
  if (!context.version.startsWith('3.2')) {
    context.warn({
      severity: 'warning',
      code: 'stream-item-ambiguous',
      message: `The ${content.mediaType} schema is an array: each streamed item is typed as its items (the OpenAPI 3.2 rule), not as an array.`,
      hint: 'OpenAPI 3.0/3.1 specs usually give the type of one item here; if each item is itself an array, wrap it: an array whose items are arrays.',
      pointer: `${pointer}/schema`,
    });
  }
  return whole.items;
}

export const isSuccess = (status: string) => /^2(\d\d|XX)$/i.test(status);

/** Whether a content is a stream (is carried by a sequential media type). */
export const isStreamContent = (content: IRContent) => streamFormat(content.mediaType) !== undefined;

/** The body property that asks for the stream: a boolean `stream`, else a property whose values include the format. */
function requestSelector(op: Omit<IROperation, 'place'>, named: ReadonlyMap<string, IRSchema>, format: StreamFormat): IRStreaming['selector'] | undefined {
  const props = (op.requestBody?.contents ?? []).flatMap((c) => propertiesOf(c.schema, named));
  const stream = props.find((p) => p.name === 'stream' && isBoolean(p.schema));
  if (stream) return { by: 'body-property', property: 'stream', value: true };
  const named_ = props.find((p) => literalValues(p.schema, named).includes(format));
  return named_ ? { by: 'body-property', property: named_.name, value: format } : undefined;
}

/** The spec's words about the operation's stream, where a terminator may be named. */
function prose(op: Omit<IROperation, 'place'>, response: IRResponse, named: ReadonlyMap<string, IRSchema>): (string | undefined)[] {
  return [op.summary, op.description, response.description, ...(op.requestBody?.contents ?? []).flatMap((c) => descriptionsIn(c.schema, named))];
}
