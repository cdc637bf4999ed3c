/**
 * Folds a streamed chat completion (`stream: true`) back into the response the same request would have given
 * without streaming. The runtime cannot import a package's generated types, so the chunk and result types here
 * are structural: a generated `CreateChatCompletionStreamResponse` is a `ChatCompletionChunkLike`, and the result
 * for it is assignable to the generated `CreateChatCompletionResponse`.
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
  system_fingerprint?: NonNullable<C['system_fingerprint']>;
  service_tier?: C['service_tier'];
  choices: ChatCompletionChoiceLike<C>[];
  usage?: NonNullable<C['usage']>;
}

interface ChoiceState {
  index: number;
  role: string | undefined;
  content: string | null;
  refusal: string | null;
  toolCalls: Map<number, ChatCompletionToolCallLike>;
  functionCall: { name: string; arguments: string } | undefined;
  finishReason: string | null;
  logprobs: { content: unknown[] | null; refusal: unknown[] | null } | null;
}

/**
 * Reads `stream` to its end and returns the completion it describes: content and refusal concatenated per
 * choice, tool calls merged by their `index` (`function.arguments` concatenated, id, type and name taken when
 * first seen), log probabilities concatenated, and `usage` from the final chunk when it was requested.
 * Throws when the stream had no chunk, or ended before a choice's `finish_reason`.
 */
export async function accumulateChatCompletion<C extends ChatCompletionChunkLike>(
  stream: AsyncIterable<C>,
): Promise<ChatCompletionLike<C>> {
  let first: C | undefined;
  let id = '';
  let model = '';
  let created = 0;
  let systemFingerprint: string | undefined;
  let serviceTier: string | null | undefined;
  let usage: object | undefined;
  const choices = new Map<number, ChoiceState>();

  for await (const chunk of stream) {
    first ??= chunk;
    if (!id && chunk.id) id = chunk.id;
    if (!model && chunk.model) model = chunk.model;
    if (!created && chunk.created) created = chunk.created;
    if (typeof chunk.system_fingerprint === 'string') systemFingerprint = chunk.system_fingerprint;
    if (chunk.service_tier !== undefined) serviceTier = chunk.service_tier;
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      let state = choices.get(choice.index);
      if (!state) {
        state = {
          index: choice.index,
          role: undefined,
          content: null,
          refusal: null,
          toolCalls: new Map(),
          functionCall: undefined,
          finishReason: null,
          logprobs: null,
        };
        choices.set(choice.index, state);
      }
      mergeChoice(state, choice);
    }
  }

  if (!first) throw new SDKError('The stream ended without sending any chunk.');
  const result: ChatCompletionLike = {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [...choices.values()]
      .sort((a, b) => a.index - b.index)
      .map((state) => {
        if (state.finishReason === null)
          throw new SDKError(`The stream ended before choice ${state.index} had a finish_reason.`);
        const message: ChatCompletionChoiceLike['message'] = {
          role: (state.role ?? 'assistant') as 'assistant',
          content: state.content,
          refusal: state.refusal,
        };
        if (state.toolCalls.size)
          message.tool_calls = [...state.toolCalls.entries()]
            .sort((a, b) => a[0] - b[0])
            .map(([, call]) => call);
        if (state.functionCall) message.function_call = state.functionCall;
        return {
          index: state.index,
          message,
          finish_reason: state.finishReason,
          logprobs: state.logprobs,
        };
      }),
  };
  if (systemFingerprint !== undefined) result.system_fingerprint = systemFingerprint;
  if (serviceTier !== undefined) result.service_tier = serviceTier;
  if (usage !== undefined) result.usage = usage;
  return result as ChatCompletionLike<C>;
}

function mergeChoice(state: ChoiceState, choice: ChatCompletionChunkChoiceLike): void {
  const delta = choice.delta;
  if (delta) {
    if (delta.role && !state.role) state.role = delta.role;
    if (typeof delta.content === 'string') state.content = (state.content ?? '') + delta.content;
    if (typeof delta.refusal === 'string') state.refusal = (state.refusal ?? '') + delta.refusal;
    for (const part of delta.tool_calls ?? []) {
      let call = state.toolCalls.get(part.index);
      if (!call) {
        call = { id: '', type: 'function', function: { name: '', arguments: '' } };
        state.toolCalls.set(part.index, call);
      }
      if (part.id && !call.id) call.id = part.id;
      if (part.type) call.type = part.type as 'function';
      if (part.function?.name && !call.function.name) call.function.name = part.function.name;
      if (part.function?.arguments) call.function.arguments += part.function.arguments;
    }
    if (delta.function_call) {
      state.functionCall ??= { name: '', arguments: '' };
      if (delta.function_call.name && !state.functionCall.name)
        state.functionCall.name = delta.function_call.name;
      if (delta.function_call.arguments)
        state.functionCall.arguments += delta.function_call.arguments;
    }
  }
  if (choice.finish_reason) state.finishReason = choice.finish_reason;
  const logprobs = choice.logprobs;
  if (logprobs) {
    state.logprobs ??= { content: null, refusal: null };
    if (logprobs.content) (state.logprobs.content ??= []).push(...logprobs.content);
    if (logprobs.refusal) (state.logprobs.refusal ??= []).push(...logprobs.refusal);
  }
}
