/**
 * Webhooks (OpenAPI 3.1+ `webhooks`): the events the API sends, each an operation of a path item under its name,
 * and how they are verified.
 *
 * - Each operation of a `webhooks` entry (its fixed methods, in order) is an `IRWebhook`: its payload is the
 *   schema of the request body's JSON content, its event type the one string value a `type`-like property of the
 *   payload allows (`type`, `event`, `event_type`, `eventType`, first match).
 * - Verification (`IRWebhookVerification`): the Standard Webhooks scheme unless something says otherwise — the
 *   generate option `webhookSignature` (`standard-webhooks` | `none`), else the document root's
 *   `x-sdkforge-webhooks: { signature?: 'standard-webhooks' | 'none', tolerance?: seconds }`. The official OpenAI
 *   spec signs its webhooks by that scheme without saying so in the document, hence the default. An extension
 *   value of another shape is a warning at its member, and the member is ignored.
 */
import { errorDiagnostic, GenerationError, type Diagnostic } from '../diagnostics.js';
import { escapePointerToken } from '../util/json-pointer.js';
import { isJson } from '../util/media-type.js';
import type { SchemaBuilder } from './build-schema.js';
import { extensionsOf } from './extensions.js';
import { FIXED_METHODS } from './methods.js';
import type { IRSchema, IRWebhook, IRWebhookVerification } from './types.js';
import { literalValues, propertiesOf } from './walk.js';

type Raw = Record<string, unknown>;

/** The values of `signature` (the extension's member and the generate option). */
export const WEBHOOK_SIGNATURES = ['standard-webhooks', 'none'] as const;
export type WebhookSignature = (typeof WEBHOOK_SIGNATURES)[number];

/** The built-in tolerance, seconds: Standard Webhooks' and the official clients'. */
export const DEFAULT_WEBHOOK_TOLERANCE = 300;

/** The property names an event type is read from, in order. */
const EVENT_TYPE_PROPERTIES = ['type', 'event', 'event_type', 'eventType'];

const EXTENSION = 'x-sdkforge-webhooks';

const isRecord = (v: unknown): v is Raw => !!v && typeof v === 'object' && !Array.isArray(v);

/** The generate option's value, checked: an error naming the values allowed otherwise. */
export function checkWebhookSignature(value: string | undefined): WebhookSignature | undefined {
  if (value === undefined || (WEBHOOK_SIGNATURES as readonly string[]).includes(value)) return value as WebhookSignature | undefined;
  throw new GenerationError([
    errorDiagnostic('webhook-signature-invalid', `The webhook signature scheme ${JSON.stringify(value)} is not one sdkforge knows.`, {
      hint: `Use ${WEBHOOK_SIGNATURES.join(' or ')} (--webhook-signature).`,
    }),
  ]);
}

/** The document's webhooks, in document order; undefined when it declares none (or is older than 3.1). */
export function buildWebhooks(
  document: Raw,
  schemas: SchemaBuilder,
  named: ReadonlyMap<string, IRSchema>,
): IRWebhook[] | undefined {
  const raw = document.webhooks;
  if (!isRecord(raw) || /^3\.0\./.test(String(document.openapi ?? ''))) return undefined;
  const out: IRWebhook[] = [];
  for (const name of Object.keys(raw)) {
    const itemPointer = `#/webhooks/${escapePointerToken(name)}`;
    const { value: item } = schemas.deref(raw[name] as Raw, itemPointer);
    if (!isRecord(item)) continue;
    for (const method of FIXED_METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      const pointer = `${itemPointer}/${method}`;
      const payload = payloadOf(op.requestBody, `${pointer}/requestBody`, schemas);
      const eventType = payload ? eventTypeOf(payload, named) : undefined;
      out.push({
        name,
        method,
        pointer,
        tags: Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === 'string') : [],
        ...(typeof op.operationId === 'string' && op.operationId ? { operationId: op.operationId } : {}),
        ...(typeof op.summary === 'string' && op.summary.trim() ? { summary: op.summary.trim() } : {}),
        ...(typeof op.description === 'string' && op.description.trim() ? { description: op.description.trim() } : {}),
        ...(op.deprecated === true ? { deprecated: true } : {}),
        ...(payload ? { payload } : {}),
        ...(eventType ? { eventType } : {}),
      });
    }
  }
  return out.length ? out : undefined;
}

/** The schema of a request body's first JSON content. */
function payloadOf(raw: unknown, pointer: string, schemas: SchemaBuilder): IRSchema | undefined {
  if (!isRecord(raw)) return undefined;
  const { value: body, pointer: at } = schemas.deref(raw, pointer);
  if (!isRecord(body) || !isRecord(body.content)) return undefined;
  const mediaType = Object.keys(body.content).find(isJson);
  if (mediaType === undefined) return undefined;
  const media = body.content[mediaType];
  if (!isRecord(media) || media.schema === undefined) return undefined;
  return schemas.build(media.schema, `${at}/content/${escapePointerToken(mediaType)}/schema`);
}

function eventTypeOf(payload: IRSchema, named: ReadonlyMap<string, IRSchema>): IRWebhook['eventType'] {
  const properties = propertiesOf(payload, named);
  for (const property of EVENT_TYPE_PROPERTIES) {
    const found = properties.find((p) => p.name === property);
    if (!found) continue;
    const values = [...new Set(literalValues(found.schema, named))];
    if (values.length === 1 && typeof values[0] === 'string') return { property, value: values[0] };
  }
  return undefined;
}

/** How the webhooks are verified: the option, else the extension, else Standard Webhooks; tolerance from the extension. */
export function webhookVerification(
  document: Raw,
  option: WebhookSignature | undefined,
  warn: (d: Diagnostic) => void,
): IRWebhookVerification {
  const result: IRWebhookVerification = { signature: 'standard-webhooks', tolerance: DEFAULT_WEBHOOK_TOLERANCE, source: 'default' };
  const declared = extensionsOf(document)?.[EXTENSION];
  const invalid = (member: string | undefined, problem: string, hint: string) =>
    warn({
      severity: 'warning',
      code: 'webhooks-extension-invalid',
      message: `${EXTENSION}${member ? ` ${member}` : ''} ${problem}: ${member ? 'the member is' : 'the extension is'} ignored.`,
      hint,
      pointer: `#/${EXTENSION}${member ? `/${member}` : ''}`,
    });
  if (declared !== undefined && !isRecord(declared)) {
    invalid(undefined, `is ${JSON.stringify(declared)}, not an object`, "Write { signature: 'standard-webhooks' | 'none', tolerance: <seconds> }.");
  } else if (declared) {
    const { signature, tolerance } = declared;
    if (signature !== undefined) {
      if ((WEBHOOK_SIGNATURES as readonly unknown[]).includes(signature)) Object.assign(result, { signature, source: EXTENSION });
      else invalid('signature', `is ${JSON.stringify(signature)}, not ${WEBHOOK_SIGNATURES.map((s) => `'${s}'`).join(' or ')}`, `Use ${WEBHOOK_SIGNATURES.join(' or ')}.`);
    }
    if (tolerance !== undefined) {
      if (typeof tolerance === 'number' && Number.isInteger(tolerance) && tolerance > 0) result.tolerance = tolerance;
      else invalid('tolerance', `is ${JSON.stringify(tolerance)}, not a positive whole number of seconds`, `Give the seconds a timestamp may differ from now, e.g. ${DEFAULT_WEBHOOK_TOLERANCE}.`);
    }
  }
  if (option) Object.assign(result, { signature: option, source: 'option' });
  return result;
}
