/**
 * Folds a streamed chat completion (`stream: true`) back into the response the same request would have given
 * without streaming. Every field a chunk carries is kept, including ones added to the API later, by these rules:
 *
 * - Chunk level: `choices` are merged by their `index`; `object` becomes `'chat.completion'`; `obfuscation`
 *   (random padding that only streams carry) is dropped; every other field is kept.
 * - Each choice's `delta` becomes its `message`, and its `logprobs` is merged the same way ("streamed" below);
 *   every other choice field (`finish_reason`, Azure's `content_filter_results`, ...) is kept.
 * - Kept fields: the last value wins, except that an object is merged key by key with the same rule, and that
 *   null or `''` never replaces a value (a field that was only ever null stays null). `usage`, null in every
 *   chunk but the last, is left out when no chunk carried one.
 * - Streamed fields, recursively: strings concatenate (`content`, `refusal`, `audio.transcript`, `audio.data`,
 *   `function.arguments`, ...), except identifiers and names, which are sent whole and kept like other values:
 *   `id`, `type`, `role`, `name` and keys ending in `_id`. Arrays whose elements carry a numeric `index`
 *   (`tool_calls`) are merged element by element by it, in index order, leaving `index` out as a non-streamed
 *   message does; other arrays concatenate (`annotations`, `logprobs.content`). Objects merge key by key; numbers,
 *   booleans and null are kept as above (`audio.expires_at`).
 * - A `__proto__` key (which `JSON.parse` makes an own property) is ignored, so chunks cannot reach prototypes.
 *
 * The runtime cannot import a package's generated types, so the chunk and result types here are structural: a
 * generated `CreateChatCompletionStreamResponse` is a `ChatCompletionChunkLike`, and the result for it is
 * assignable to the generated `CreateChatCompletionResponse`.
 */
import { SDKError } from './errors.js';

export interface ToolCallChunkLike {
  index: number;
  id?: string | undefined;
  type?: string | undefined;
  function?: { name?: string | undefined; arguments?: string | undefined } | undefined;
}

export interface ChatCompletionDeltaLike {
  role?: string | undefined;
  content?: string | null | undefined;
  refusal?: string | null | undefined;
  tool_calls?: readonly ToolCallChunkLike[] | undefined;
  /** Legacy single function call. */
  function_call?: { name?: string | undefined; arguments?: string | undefined } | undefined;
}

export interface ChatCompletionChunkChoiceLike {
  index: number;
  delta?: ChatCompletionDeltaLike | null | undefined;
  finish_reason?: string | null | undefined;
  logprobs?:
    | {
        content?: readonly unknown[] | null | undefined;
        refusal?: readonly unknown[] | null | undefined;
      }
    | null
    | undefined;
}

/** One chunk of a streamed chat completion (`object: 'chat.completion.chunk'`). */
export interface ChatCompletionChunkLike {
  id: string;
  object?: string | undefined;
  created: number;
  model: string;
  system_fingerprint?: string | null | undefined;
  service_tier?: string | null | undefined;
  choices: readonly ChatCompletionChunkChoiceLike[];
  /** Sent in the last chunk when `stream_options.include_usage` is set. */
  usage?: object | null | undefined;
}

type ChoiceOf<C extends ChatCompletionChunkLike> = C['choices'][number];
type FinishReasonOf<C extends ChatCompletionChunkLike> = NonNullable<ChoiceOf<C>['finish_reason']>;
type LogprobOf<C extends ChatCompletionChunkLike> = NonNullable<
  NonNullable<ChoiceOf<C>['logprobs']>['content']
>[number];

export interface ChatCompletionToolCallLike {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatCompletionChoiceLike<
  C extends ChatCompletionChunkLike = ChatCompletionChunkLike,
> {
  index: number;
  message: {
    /** Always the assistant for a chat completion (the role the first delta gave, in practice `assistant`). */
    role: 'assistant';
    content: string | null;
    refusal: string | null;
    /** Present only when the model called tools. */
    tool_calls?: ChatCompletionToolCallLike[];
    /** Present only when the model made a legacy function call. */
    function_call?: { name: string; arguments: string };
    /** Present only when the model cited sources (web search). */
    annotations?: {
      type: 'url_citation';
      url_citation: { start_index: number; end_index: number; url: string; title: string };
    }[];
    /** Present only when audio output was requested. */
    audio?: { id: string; expires_at: number; data: string; transcript: string } | null;
  };
  finish_reason: FinishReasonOf<C>;
  /** Null unless log probabilities were requested; each list is the concatenation of the chunks' lists. */
  logprobs: { content: LogprobOf<C>[] | null; refusal: LogprobOf<C>[] | null } | null;
}

/** The accumulated completion, shaped like `CreateChatCompletionResponse`. */
export interface ChatCompletionLike<C extends ChatCompletionChunkLike = ChatCompletionChunkLike> {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  /** Null only when every chunk sent null. */
  system_fingerprint?: C['system_fingerprint'];
  service_tier?: C['service_tier'];
  choices: ChatCompletionChoiceLike<C>[];
  usage?: NonNullable<C['usage']>;
}

type Fields = Record<string, unknown>;

/** Streamed string fields that are sent whole, never as pieces. */
const WHOLE = /^(id|type|role|name)$|_id$/;

/** The `index` each merged array element was built from (kept out of the element itself). */
const indexOf = new WeakMap<object, number>();

const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads `stream` to its end and returns the completion it describes, by the rules in this module's header.
 * Throws when the stream had no chunk, or ended before a choice's `finish_reason`.
 */
export async function accumulateChatCompletion<C extends ChatCompletionChunkLike>(
  stream: AsyncIterable<C>,
): Promise<ChatCompletionLike<C>> {
  let top: Fields | undefined;
  const choices = new Map<number, Fields & { message: Fields }>();

  for await (const chunk of stream) {
    const { choices: parts, ...rest } = chunk as C & Fields;
    delete rest.object;
    delete rest.obfuscation;
    top = merge(top ?? {}, rest, false);
    for (const { delta, logprobs, ...fields } of parts ?? []) {
      let choice = choices.get(fields.index);
      if (!choice)
        choices.set(fields.index, (choice = { message: {}, finish_reason: null, logprobs: null }));
      merge(choice, fields, false);
      merge(choice, { logprobs }, true);
      if (delta) merge(choice.message, delta as Fields, true);
    }
  }

  if (!top) throw new SDKError('The stream ended without sending any chunk.');
  if (top.usage === null) delete top.usage;
  const result = {
    ...top,
    object: 'chat.completion',
    choices: [...choices.values()]
      .sort((a, b) => (a.index as number) - (b.index as number))
      .map((choice) => {
        if (choice.finish_reason === null)
          throw new SDKError(
            `The stream ended before choice ${String(choice.index)} had a finish_reason.`,
          );
        return {
          ...choice,
          message: { role: 'assistant', content: null, refusal: null, ...choice.message },
        };
      }),
  };
  return result as unknown as ChatCompletionLike<C>;
}

/** Merges `from` into `into` (kept fields, or streamed ones when `streamed`) and returns `into`. */
function merge(into: Fields, from: Fields, streamed: boolean): Fields {
  for (const [key, value] of Object.entries(from)) {
    if (value === undefined || key === '__proto__') continue;
    const prev = Object.hasOwn(into, key) ? into[key] : undefined;
    if (value === null || value === '') {
      if (!Object.hasOwn(into, key)) into[key] = value;
    } else if (isFields(value)) {
      into[key] = merge(isFields(prev) ? prev : {}, value, streamed);
    } else if (streamed && Array.isArray(value)) {
      into[key] = append(Array.isArray(prev) ? prev : [], value);
    } else if (
      streamed &&
      typeof value === 'string' &&
      typeof prev === 'string' &&
      !WHOLE.test(key)
    ) {
      into[key] = prev + value;
    } else {
      into[key] = value;
    }
  }
  return into;
}

/** Appends streamed array `items` to `list`, merging elements that carry an `index` into the one built for it. */
function append(list: unknown[], items: readonly unknown[]): unknown[] {
  for (const item of items) {
    if (!isFields(item) || typeof item.index !== 'number') {
      list.push(item);
      continue;
    }
    const { index, ...fields } = item as Fields & { index: number };
    let element = list.find((e) => indexOf.get(e as object) === index) as Fields | undefined;
    if (!element) {
      indexOf.set((element = {}), index);
      const after = list.findIndex((e) => (indexOf.get(e as object) ?? -1) > index);
      list.splice(after < 0 ? list.length : after, 0, element);
    }
    merge(element, fields, true);
  }
  return list;
}
