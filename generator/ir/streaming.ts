/**
 * Which operations stream, in which format, with which item type, and how a request selects the stream.
 *
 * A success response that offers a sequential media type streams. Today that is `text/event-stream` (format `sse`,
 * whose `schema` is the type of one event's JSON `data`, the convention of OpenAPI 3.0/3.1 specs). A new format is
 * its runtime module (`generator/runtime/<format>.ts`, exporting `<format>Format`, which the emitted code imports)
 * and its entry in `FORMATS` (the media types that carry it): `StreamFormat` is the keys of `FORMATS`. How a
 * request selects the stream:
 * - `body-property`: a boolean `stream` property of the JSON body (`true`), else a property whose values include the
 *   format's name (`stream_format: 'sse'`): the method is overloaded on it;
 * - `response-content-type`: nothing selects it and the response also offers other content: the response's content
 *   type tells;
 * - `always`: the stream is the only success content.
 * The terminator it is known to end with comes from `stream-terminator.ts`.
 */
import { isEventStream } from '../util/media-type.js';
import type { IRContent, IROperation, IRResponse, IRSchema, IRStreaming, StreamFormat } from './types.js';
import { descriptionsIn, knownTerminator } from './stream-terminator.js';
import { isBoolean, literalValues, propertiesOf } from './walk.js';

/**
 * Each format: the media types that carry it (the rule is the runtime's, see `util/media-type.ts`) and its name
 * in words (for `diff`). The registration of a format.
 */
export const FORMATS = {
  sse: { accepts: isEventStream, title: 'server-sent events' },
} as const satisfies Record<string, { accepts: (mediaType: string) => boolean; title: string }>;

/** The format a media type streams in, if it is a sequential one. */
export function streamFormat(mediaType: string): StreamFormat | undefined {
  return (Object.keys(FORMATS) as StreamFormat[]).find((format) => FORMATS[format].accepts(mediaType));
}

export function detectStreaming(op: IROperation, named: ReadonlyMap<string, IRSchema>): IRStreaming | undefined {
  for (const r of op.responses) {
    if (!isSuccess(r.status)) continue;
    const stream = r.contents.find((c) => streamFormat(c.mediaType));
    if (!stream) continue;
    const format = streamFormat(stream.mediaType)!;
    const selector = requestSelector(op, named, format) ?? (r.contents.some((c) => c !== stream) ? { by: 'response-content-type' as const } : { by: 'always' as const });
    const terminator = knownTerminator([stream.extensions, op.extensions], prose(op, r, named));
    return {
      format,
      mediaType: stream.mediaType,
      item: stream.schema,
      selector,
      ...(terminator ? { terminator: terminator.value, terminatorSource: terminator.source } : {}),
    };
  }
  return undefined;
}

export const isSuccess = (status: string) => /^2(\d\d|XX)$/i.test(status);

/** Whether a content is a stream (is carried by a sequential media type). */
export const isStreamContent = (content: IRContent) => streamFormat(content.mediaType) !== undefined;

/** The body property that asks for the stream: a boolean `stream`, else a property whose values include the format. */
function requestSelector(op: IROperation, named: ReadonlyMap<string, IRSchema>, format: StreamFormat): IRStreaming['selector'] | undefined {
  const props = (op.requestBody?.contents ?? []).flatMap((c) => propertiesOf(c.schema, named));
  const stream = props.find((p) => p.name === 'stream' && isBoolean(p.schema));
  if (stream) return { by: 'body-property', property: 'stream', value: true };
  const named_ = props.find((p) => literalValues(p.schema, named).includes(format));
  return named_ ? { by: 'body-property', property: named_.name, value: format } : undefined;
}

/** The spec's words about the operation's stream, where a terminator may be named. */
function prose(op: IROperation, response: IRResponse, named: ReadonlyMap<string, IRSchema>): (string | undefined)[] {
  return [op.summary, op.description, response.description, ...(op.requestBody?.contents ?? []).flatMap((c) => descriptionsIn(c.schema, named))];
}
