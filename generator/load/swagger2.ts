/**
 * Swagger 2.0 input: the bundled 2.0 document (every `$ref` internal) is converted to OpenAPI 3.0 with
 * swagger2openapi, offline (it never resolves or fetches anything: the document is already bundled). Body and
 * formData parameters become request bodies (`multipart/form-data` or `application/x-www-form-urlencoded`, a
 * `type: file` becomes `format: binary`), `definitions` become `components/schemas`.
 *
 * Before converting, a schema the root file takes from another file (`$ref: Pet.yaml`) is moved to
 * `definitions` under the file's name, so it becomes a named type (`Pet`) rather than an inline one or a
 * converter-made `schema1`.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { errorDiagnostic, GenerationError, type Diagnostic } from '../diagnostics.js';
import { parsePointer, pointerOf, resolvePointer, walkDocument } from '../util/json-pointer.js';

type Raw = Record<string, unknown>;
type Tokens = string[];

const WARNING_PROPERTY = 'x-s2o-warning';

export interface Converted {
  document: Raw;
  warnings: Diagnostic[];
}

/**
 * Converts a bundled Swagger 2.0 document. `original` is the root file as parsed (before bundling), used to name
 * schemas taken from other files; `where` turns a pointer into the original document into a location.
 */
export async function convertSwagger2(
  bundled: Raw,
  original: Raw,
  base: string,
  file: string,
  where: (pointer: string) => Partial<Diagnostic>,
): Promise<Converted> {
  nameExternalSchemas(bundled, original, base);
  let document: Raw;
  try {
    // loaded on demand: the converter costs ~0.2 s of start-up that OpenAPI 3 input does not need
    const { default: s2o } = await import('swagger2openapi');
    document = await s2o.convertObj(bundled, {
      patch: true,
      warnOnly: true,
      direct: true,
      resolve: false,
      resolveInternal: false,
      warnProperty: WARNING_PROPERTY,
      text: ' ', // the converter only keeps it; this spares it stringifying the whole document to YAML
    });
  } catch (err) {
    throw new GenerationError([
      errorDiagnostic('swagger2-unconvertible', `The Swagger 2.0 document cannot be converted to OpenAPI 3.0: ${String((err as Error).message).split('\n')[0]}`, {
        file,
        pointer: '#/swagger',
        hint: 'Fix the Swagger 2.0 document where the message says, or convert it to OpenAPI 3.0 with another tool and generate from that.',
      }),
    ]);
  }
  const warnings = takeWarnings(document).map(({ tokens, message }): Diagnostic => {
    const located = locateInSwagger2(tokens, document, bundled, file, where);
    return {
      severity: 'warning',
      code: 'swagger2-converted',
      message: `Converting Swagger 2.0 to OpenAPI 3.0: ${message.replace(/\.?$/, '.')}${located.converted ? ` (at ${pointerOf(tokens)} of the converted document)` : ''}`,
      hint: 'Generation goes on with the converted document; fix the Swagger 2.0 document to silence this.',
      ...located.at,
    };
  });
  return { document, warnings };
}

/**
 * Maps a pointer into the converted 3.0 document back to the 2.0 document, as far as the shapes correspond:
 * `components/schemas` ↔ `definitions`, `content/<media type>/schema` ↔ `schema`, `requestBody` ↔ the body or
 * formData `parameters`. Gives the 3.0 pointer (flagged `converted`) when the 2.0 one does not exist.
 */
export function locateInSwagger2(
  tokens: Tokens,
  converted: Raw,
  swagger: Raw,
  file: string,
  where: (pointer: string) => Partial<Diagnostic>,
): { at: Partial<Diagnostic>; converted: boolean } {
  const mapped = matchParameter(toSwagger2Tokens(tokens), tokens, converted, swagger);
  if (mapped && resolvePointer(swagger, mapped) !== undefined) return { at: { file, ...where(pointerOf(mapped)) }, converted: false };
  // the nearest existing ancestor still gives a useful line
  let ancestor = mapped ?? [];
  while (ancestor.length > 0 && resolvePointer(swagger, ancestor) === undefined) ancestor = ancestor.slice(0, -1);
  const { line, column } = where(pointerOf(ancestor));
  return { at: { file, line, column, pointer: pointerOf(tokens) }, converted: true };
}

/**
 * Parameter positions differ (body and formData parameters became the request body): `parameters/<i>` of the
 * 3.0 document is found in the 2.0 list by name and location (or by the same `$ref`).
 */
function matchParameter(mapped: Tokens | undefined, tokens: Tokens, converted: Raw, swagger: Raw): Tokens | undefined {
  if (!mapped) return mapped;
  const at = tokens.findIndex((t, i) => t === 'parameters' && /^\d+$/.test(tokens[i + 1] ?? '') && tokens[0] === 'paths');
  if (at < 0) return mapped;
  const param = resolvePointer(converted, tokens.slice(0, at + 2)) as Raw | undefined;
  const mappedAt = mapped.findIndex((t, i) => t === 'parameters' && /^\d+$/.test(mapped[i + 1] ?? ''));
  const list = mappedAt < 0 ? undefined : resolvePointer(swagger, mapped.slice(0, mappedAt + 1));
  if (!param || !Array.isArray(list)) return mapped;
  const ref = typeof param.$ref === 'string' ? param.$ref.replace('#/components/parameters/', '#/parameters/') : undefined;
  const index = list.findIndex((p: Raw) => (ref ? p?.$ref === ref : p?.name === param.name && p?.in === param.in));
  if (index < 0) return mapped;
  return [...mapped.slice(0, mappedAt + 1), String(index), ...mapped.slice(mappedAt + 2)];
}

function toSwagger2Tokens(tokens: Tokens): Tokens | undefined {
  const t = [...tokens];
  if (t[0] === 'components') {
    const section = { schemas: 'definitions', parameters: 'parameters', responses: 'responses', securitySchemes: 'securityDefinitions' }[t[1] ?? ''];
    if (!section) return undefined;
    t.splice(0, 2, section);
  }
  const out: Tokens = [];
  for (let i = 0; i < t.length; i++) {
    const token = t[i]!;
    if (token === 'content' && t[i + 2] === 'schema' && out.at(-2) === 'responses') {
      i += 1; // drop `content/<media type>`, keep `schema`
      continue;
    }
    if (token === 'requestBody' && out.at(-2) === 'paths') {
      out.push('parameters');
      break;
    }
    out.push(token);
  }
  return out;
}

/** Removes the converter's `x-s2o-warning` properties, returning each with where it was. */
function takeWarnings(document: Raw): { tokens: Tokens; message: string }[] {
  const found: { tokens: Tokens; message: string }[] = [];
  walkDocument(document, (node, tokens) => {
    if (Array.isArray(node) || !(WARNING_PROPERTY in node)) return;
    found.push({ tokens: [...tokens], message: String((node as Raw)[WARNING_PROPERTY]) });
    delete (node as Raw)[WARNING_PROPERTY];
  });
  return found;
}

/**
 * Moves each schema the root file references from another file (`$ref: Pet.yaml`, `$ref: common.yaml#/Error`)
 * into `definitions` under that file's (or fragment's) name, and points every reference at it.
 */
function nameExternalSchemas(bundled: Raw, original: Raw, base: string): void {
  const byTarget = new Map<string, { name: string; locations: Tokens[] }>();
  walkDocument(original, (node, tokens) => {
    const ref = Array.isArray(node) ? undefined : (node as Raw).$ref;
    if (typeof ref !== 'string' || ref.startsWith('#') || !isSchemaPosition(tokens)) return;
    const key = absoluteRef(ref, base);
    const entry = byTarget.get(key) ?? { name: nameOfRef(ref), locations: [] };
    entry.locations.push([...tokens]);
    byTarget.set(key, entry);
    return 'skip';
  });
  if (byTarget.size === 0) return;

  if (!bundled.definitions || typeof bundled.definitions !== 'object') bundled.definitions = {};
  const definitions = bundled.definitions as Raw;
  for (const { name: fileName, locations } of byTarget.values()) {
    const inDefinitions = locations.find((l) => l.length === 2 && l[0] === 'definitions');
    const holder = findHolder(bundled, locations);
    if (!holder || (holder.length === 2 && holder[0] === 'definitions')) continue; // already a named definition
    const holderRef = pointerOf(holder);
    let name = inDefinitions?.[1] ?? fileName;
    const free = (n: string) => !(n in definitions) || (definitions[n] as Raw | undefined)?.$ref === holderRef;
    if (!free(name)) {
      let i = 2;
      while (!free(`${name}${i}`)) i++;
      name = `${name}${i}`;
    }
    definitions[name] = resolvePointer(bundled, holder);
    set(bundled, holder, { $ref: pointerOf(['definitions', name]) });
    rewriteRefs(bundled, holder, ['definitions', name]);
  }
}

function isSchemaPosition(tokens: readonly string[]): boolean {
  return tokens.includes('schema') || (tokens[0] === 'definitions' && tokens.length >= 2);
}

function absoluteRef(ref: string, base: string): string {
  try {
    return new URL(ref, /^https?:/i.test(base) ? base : pathToFileURL(base)).href;
  } catch {
    return ref;
  }
}

/** `Pet.yaml` → `Pet`; `common.yaml#/definitions/Error` → `Error`. */
function nameOfRef(ref: string): string {
  const [file = '', fragment = ''] = ref.split('#');
  const last = parsePointer(fragment).at(-1);
  if (last) return last;
  return path.basename(decodeURIComponent(file)).replace(/\.(ya?ml|json)$/i, '') || 'Schema';
}

/** Where the bundled document holds the schema itself: a location holding it inline, else the ref chain's end. */
function findHolder(doc: Raw, locations: Tokens[]): Tokens | undefined {
  const inline = locations.find((l) => {
    const v = resolvePointer(doc, l);
    return v !== undefined && !(v && typeof v === 'object' && typeof (v as Raw).$ref === 'string');
  });
  if (inline) return inline;
  let at = locations[0];
  for (let hops = 0; at && hops < 16; hops++) {
    const v = resolvePointer(doc, at) as Raw | undefined;
    if (!v || typeof v !== 'object') return undefined;
    const ref = v.$ref;
    if (typeof ref !== 'string') return at;
    if (!ref.startsWith('#')) return undefined;
    at = parsePointer(ref);
  }
  return undefined;
}

/** Points every internal `$ref` at or below `from` at the same place below `to`. */
function rewriteRefs(doc: unknown, from: Tokens, to: Tokens): void {
  walkDocument(doc, (node) => {
    const obj = node as Raw;
    if (Array.isArray(node) || typeof obj.$ref !== 'string' || !obj.$ref.startsWith('#')) return;
    const tokens = parsePointer(obj.$ref);
    if (tokens.length >= from.length && from.every((t, i) => tokens[i] === t)) {
      obj.$ref = pointerOf([...to, ...tokens.slice(from.length)]);
    }
  });
}

function set(doc: unknown, tokens: Tokens, value: unknown): void {
  const parent = resolvePointer(doc, tokens.slice(0, -1));
  if (parent && typeof parent === 'object') (parent as Raw)[tokens.at(-1)!] = value;
}
