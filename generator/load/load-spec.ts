/**
 * Load: reads a spec (YAML or JSON; a path or an http(s) URL), resolves local, multi-file and URL `$ref`s into
 * one bundled document whose refs are all internal, and validates it. Problems become diagnostics that say where
 * (file, line, column, JSON pointer) and what to do.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { yaml } from './yaml.js';
import { errorDiagnostic, escapePointerToken, GenerationError, moreLikeThis, parsePointer, pointerOf, type Diagnostic } from '../diagnostics.js';
import { createLocator, findRef, locatePointer, type Position } from './locate.js';
import { openapiSchemaValidator } from './openapi-validators.js';
import { convertSwagger2, locateInSwagger2 } from './swagger2.js';

export type OpenAPIDocument = Record<string, unknown>;

export interface LoadedSpec {
  /** The bundled document: every `$ref` in it is internal (`#/...`). */
  document: OpenAPIDocument;
  /** The path or URL it was loaded from, as given. */
  source: string;
  /** `3.0` or `3.1` (a Swagger 2.0 input is converted to 3.0). */
  openapiVersion: '3.0' | '3.1';
  /** Set when the input was Swagger 2.0 and `document` is its conversion to OpenAPI 3.0. */
  convertedFrom?: 'swagger-2.0';
  warnings: Diagnostic[];
  /**
   * Where a JSON pointer of `document` is in the source: file, line and column when the text gives them, and the
   * pointer (for a converted Swagger 2.0 input, the corresponding 2.0 pointer where there is one).
   */
  where(pointer: string): Partial<Diagnostic>;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);
const isLoopback = (s: string) => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(new URL(s).hostname);

/** Reads the root file's text; a missing file or an unreachable URL is an error diagnostic. */
async function readSource(source: string): Promise<string> {
  try {
    if (isUrl(source)) {
      const res = await fetch(source);
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
      return await res.text();
    }
    return await readFile(source, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (err as Error).message;
    throw new GenerationError([
      errorDiagnostic('file-missing', `Cannot read the spec: ${reason}.`, {
        file: source,
        hint: 'Check the path given with --spec (relative paths are resolved from the current directory).',
      }),
    ]);
  }
}

/** Parses YAML (a superset of JSON) and turns a syntax error into a located diagnostic. */
function parseText(text: string, file: string): unknown {
  if (/^\s*[{[]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // fall through: the YAML parser gives line and column
    }
  }
  try {
    // js-yaml with the YAML 1.2 core schema reads specs like `yaml` does, about five times faster (tested on
    // both official OpenAI specs); `json: true` lets a later duplicate key win instead of failing
    return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: true });
  } catch {
    // fall through: `yaml` is more lenient, and locates what it cannot read
  }
  try {
    return yaml().parse(text, { maxAliasCount: -1, uniqueKeys: false, prettyErrors: false });
  } catch {
    const { LineCounter, parseDocument } = yaml();
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
    const first = doc.errors[0];
    const pos = first ? lineCounter.linePos(first.pos[0]) : undefined;
    throw new GenerationError([
      errorDiagnostic('yaml-syntax', `The file is not valid YAML or JSON: ${first?.message.split('\n')[0] ?? 'unknown syntax error'}.`, {
        file,
        line: pos?.line,
        column: pos?.col,
        hint: 'Fix the syntax at that line (indentation, an unclosed quote or bracket, a tab used for indentation).',
      }),
    ]);
  }
}

const yamlPlugin = {
  order: 1,
  allowEmpty: false,
  canParse: ['.yaml', '.yml', '.json', ''],
  async parse(file: { url: string; data: Buffer | string }) {
    const text = typeof file.data === 'string' ? file.data : file.data.toString('utf8');
    return parseText(text, displayPath(file.url));
  },
};

function displayPath(urlOrPath: string): string {
  if (isUrl(urlOrPath)) return urlOrPath;
  const p = urlOrPath.startsWith('file://') ? new URL(urlOrPath).pathname : urlOrPath;
  return path.relative(process.cwd(), decodeURIComponent(p)) || p;
}

export async function loadSpec(source: string): Promise<LoadedSpec> {
  const text = await readSource(source);
  return loadParsed(parseText(text, source), source, text);
}

/**
 * Loads a document already in memory (e.g. built by a program). `source` names it in diagnostics and is the base
 * for relative `$ref`s. Locations are given as JSON pointers only, since there is no text.
 */
export function loadDocument(document: object, source = 'spec.yaml'): Promise<LoadedSpec> {
  return loadParsed(structuredClone(document), source, undefined);
}

async function loadParsed(raw: unknown, source: string, text: string | undefined): Promise<LoadedSpec> {
  const root = checkIsOpenAPI(raw, source, text);
  const base = isUrl(source) ? source : path.resolve(source);
  const swagger2 = root.swagger === '2.0';
  const locate: (pointer: string) => Position | undefined = text !== undefined ? createLocator(text) : () => undefined;
  const where = (pointer: string): Partial<Diagnostic> => ({ pointer, ...locate(pointer) });

  // A document whose $refs are all JSON pointers into itself is already bundled. Bundling it anyway would cost
  // time and collapse ref chains (`A: {$ref: B}, B: {$ref: A}` would become `A: {$ref: A}`, hiding B from a
  // cycle diagnostic), so it is only checked for dangling pointers.
  const refs = collectRefs(root);
  const internalOnly = refs.every((r) => r.ref === '#' || r.ref.startsWith('#/'));
  // bundling rewrites the root in place; the Swagger 2.0 path needs the original refs to name schemas
  const original = swagger2 && !internalOnly ? structuredClone(root) : root;
  let document: OpenAPIDocument;
  if (internalOnly) {
    checkPointers(root, refs, source, where);
    document = root;
  } else {
    try {
      // loaded on demand (about 40 ms): only specs with external $refs need it
      const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
      document = (await SwaggerParser.bundle(base, root as never, {
        parse: { yaml: yamlPlugin, json: false, text: false, binary: false },
        // a spec fetched from a public host may not make us fetch internal addresses; local specs may
        resolve: { http: { safeUrlResolver: isUrl(source) && !isLoopback(source) } },
        dereference: { circular: true },
      } as never)) as unknown as OpenAPIDocument;
    } catch (err) {
      throw refError(err, source, text, original);
    }
  }

  const warnings: Diagnostic[] = [];
  if (swagger2) {
    const bundled2 = document;
    const converted = await convertSwagger2(bundled2, original, base, source, where);
    document = converted.document;
    warnings.push(...converted.warnings);
    // validation reports pointers into the 3.0 document: map them back to the 2.0 file where they correspond
    const back = (pointer: string) => {
      const { at, converted: onlyConverted } = locateInSwagger2(parsePointer(pointer), document, original, source, where);
      return { ...at, converted: onlyConverted };
    };
    warnings.push(...(await validate(document, base, source, back)));
    const whereConverted = (pointer: string) => {
      const { converted: _, ...at } = back(pointer);
      return at;
    };
    return { document, source, openapiVersion: '3.0', convertedFrom: 'swagger-2.0', warnings, where: whereConverted };
  }
  const whereSource = (pointer: string) => ({ file: source, ...where(pointer) });
  warnings.push(...(await validate(document, base, source, (pointer) => ({ ...whereSource(pointer), converted: false }))));
  return { document, source, openapiVersion: String(root.openapi).startsWith('3.1') ? '3.1' : '3.0', warnings, where: whereSource };
}

const SUPPORTED = 'sdkforge reads Swagger 2.0, OpenAPI 3.0.x and OpenAPI 3.1.x documents';

function checkIsOpenAPI(raw: unknown, file: string, text: string | undefined): OpenAPIDocument {
  const at = (pointer: string) => ({ pointer, ...(text !== undefined ? locatePointer(text, pointer) : {}) });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new GenerationError([
      errorDiagnostic('not-openapi', 'The document is not an OpenAPI description: its top level is not a mapping.', {
        file,
        pointer: '#',
        hint: 'Point --spec at an OpenAPI 3.x (or Swagger 2.0) document whose top level has an `openapi` field.',
      }),
    ]);
  }
  const doc = raw as OpenAPIDocument;
  if (doc.swagger !== undefined && doc.openapi === undefined) {
    if (doc.swagger === '2.0' || doc.swagger === 2) {
      doc.swagger = '2.0'; // `swagger: 2.0` unquoted in YAML is the number 2
      return doc;
    }
    throw new GenerationError([
      errorDiagnostic('unsupported-version', `Swagger ${String(doc.swagger)} is not supported: ${SUPPORTED}.`, {
        file,
        ...at('#/swagger'),
        hint: 'Convert the document to Swagger 2.0 or OpenAPI 3 first (for example with the swagger-converter or swagger2openapi tools).',
      }),
    ]);
  }
  if (typeof doc.openapi === 'string' && /^3\.[01](\.|$)/.test(doc.openapi)) return doc;
  if ((typeof doc.openapi === 'string' && /^\d+\.\d+(\.\d+)?/.test(doc.openapi)) || typeof doc.openapi === 'number') {
    throw new GenerationError([
      errorDiagnostic('unsupported-version', `OpenAPI ${String(doc.openapi)} is not supported: ${SUPPORTED}.`, {
        file,
        ...at('#/openapi'),
        hint:
          typeof doc.openapi === 'number'
            ? 'Quote the version and give all three parts, e.g. `openapi: "3.1.0"`.'
            : 'If the document uses only OpenAPI 3.1 features, declare `openapi: 3.1.1`; otherwise generate from a 3.0 or 3.1 version of it.',
      }),
    ]);
  }
  const has = typeof doc.openapi === 'string' ? `declares openapi: ${doc.openapi}` : 'has no `openapi` field';
  throw new GenerationError([
    errorDiagnostic('not-openapi', `The document is not an OpenAPI 3.0 or 3.1 (or Swagger 2.0) description: it ${has}.`, {
      file,
      pointer: '#/openapi',
      hint: 'Point --spec at an OpenAPI document; its top level needs `openapi: 3.0.x` or `openapi: 3.1.x` (or `swagger: "2.0"`), `info` and `paths`.',
    }),
  ]);
}

/** Every `$ref` string in the document, with the pointer of the object holding it. */
function collectRefs(document: unknown): { at: string[]; ref: string }[] {
  const found: { at: string[]; ref: string }[] = [];
  const stack: { value: unknown; at: string[] }[] = [{ value: document, at: [] }];
  while (stack.length > 0) {
    const { value, at } = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], at: [...at, String(i)] });
      continue;
    }
    const obj = value as Record<string, unknown>;
    if (typeof obj.$ref === 'string') found.push({ at, ref: obj.$ref });
    const entries = Object.entries(obj);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, v] = entries[i]!;
      if (v && typeof v === 'object') stack.push({ value: v, at: [...at, k] });
    }
  }
  return found;
}

/** The first internal `$ref` that points at nothing is an error, as the bundler would report it. */
function checkPointers(document: unknown, refs: { at: string[]; ref: string }[], file: string, where: (pointer: string) => Partial<Diagnostic>): void {
  for (const { at, ref } of refs) {
    let tokens: string[];
    try {
      tokens = parsePointer(ref);
    } catch {
      tokens = [ref];
    }
    let node: unknown = document;
    let missing: string | undefined;
    for (const token of tokens) {
      if (node === null || typeof node !== 'object' || !Object.hasOwn(node, token)) {
        missing = token;
        break;
      }
      node = (node as Record<string, unknown>)[token];
    }
    if (missing === undefined) continue;
    throw new GenerationError([
      errorDiagnostic('ref-missing', `A $ref points at nothing: Missing $ref pointer "${ref}". Token "${missing}" does not exist.`, {
        file,
        ...where(pointerOf(at)),
        hint: 'Correct the $ref target or add the missing definition.',
      }),
    ]);
  }
}

interface RefParserError {
  code?: string;
  message: string;
  source?: string;
  errors?: RefParserError[];
}

function refError(err: unknown, rootFile: string, rootText: string | undefined, root: unknown): GenerationError {
  if (err instanceof GenerationError) return err;
  const e = err as RefParserError;
  const inner = e.errors?.[0] ?? e;
  const file = inner.source ? displayPath(inner.source) : rootFile;
  if (inner.code === 'EMISSINGPOINTER' || inner.code === 'EINVALIDPOINTER') {
    const ref = /"([^"]+)"/.exec(inner.message)?.[1];
    const at = ref ? findRef(root, ref) ?? findRef(root, ref.slice(ref.indexOf('#'))) : undefined;
    const pos = at && rootText !== undefined ? locatePointer(rootText, at) : undefined;
    return new GenerationError([
      errorDiagnostic('ref-missing', `A $ref points at nothing: ${inner.message}`, {
        file: at ? rootFile : file,
        line: pos?.line,
        column: pos?.column,
        pointer: at,
        hint: 'Correct the $ref target or add the missing definition.',
      }),
    ]);
  }
  if (inner.code === 'ERESOLVER') {
    return new GenerationError([
      errorDiagnostic('ref-unresolvable', `A $ref names a file or URL that cannot be read: ${inner.message.split('\n')[0]}`, {
        file,
        hint: 'Check that the referenced file exists relative to the file that refers to it, or that the URL is reachable.',
      }),
    ]);
  }
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof GenerationError) return cause;
  return new GenerationError([
    errorDiagnostic('load-failed', `The spec could not be loaded: ${(err as Error).message.split('\n')[0]}`, {
      file,
      hint: 'Run with --debug for details.',
    }),
  ]);
}

interface AjvDetail {
  instancePath?: string;
  schemaPath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** Where a pointer of the validated document is in the user's file; `converted` when only the 3.0 form has it. */
type Where = (pointer: string) => Partial<Diagnostic> & { converted: boolean };

/** How many places a grouped warning names besides the first. */

/**
 * Schema and spec validation. Real-world specs often break a rule and still describe a usable API, so
 * violations are warnings with their location; generation goes on with the most sensible reading.
 *
 * The OpenAPI JSON schema reports one mistake several times: the specific rule (`exclusiveMinimum must be
 * boolean`) and, at the same place and above it, the `oneOf`/`$ref` alternatives that consequently failed.
 * Those echoes are dropped, and the same rule broken at many places is one warning ("… (+80 more like this,
 * e.g. at …)") located at its first place.
 */
async function validate(document: OpenAPIDocument, base: string, file: string, where: Where): Promise<Diagnostic[]> {
  try {
    const validateSchema = openapiSchemaValidator(document as { swagger?: unknown; openapi?: unknown });
    if (validateSchema) {
      validateSchema(document);
    } else {
      const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
      await SwaggerParser.validate(base, structuredClone(document) as never, {
        resolve: { external: false },
        dereference: { circular: 'ignore' },
      } as never);
    }
    return [];
  } catch (err) {
    const details = (err as { details?: AjvDetail[] }).details;
    if (!details) {
      return [{ severity: 'warning', code: 'spec-invalid', message: (err as Error).message.split('\n')[0] ?? '', file }];
    }
    const groups = new Map<string, { detail: AjvDetail; pointers: string[] }>();
    for (const d of withoutEchoes(details)) {
      const pointer = '#' + (d.instancePath ?? '');
      const key = `${d.schemaPath} ${d.keyword} ${d.message} ${JSON.stringify(d.params ?? {})}`;
      const group = groups.get(key) ?? { detail: d, pointers: [] };
      if (!group.pointers.includes(pointer)) group.pointers.push(pointer);
      groups.set(key, group);
    }
    return [...groups.values()].map(({ detail, pointers }): Diagnostic => {
      const [first = '#', ...rest] = pointers;
      // an unknown key is located at the key itself
      const extra = detail.keyword === 'additionalProperties' ? detail.params?.additionalProperty : undefined;
      const { converted, ...at } = where(typeof extra === 'string' ? `${first}/${escapePointerToken(extra)}` : first);
      const more = moreLikeThis(rest);
      return {
        severity: 'warning',
        code: 'schema-invalid',
        message: `The document breaks the OpenAPI schema: the value ${converted ? `at ${first} (in the document converted to OpenAPI 3.0)` : 'here'} ${describe(detail)}${more}.`,
        hint: 'Generation goes on with the most sensible reading; fix the spec to silence this.',
        file,
        ...at,
        ...(converted ? {} : { pointer: first }),
      };
    });
  }
}


/** The failed `oneOf` alternatives (`must have required property '$ref'`, `must match exactly one schema in
 * oneOf`) reported at or above a place that also has a specific error. */
function withoutEchoes(details: AjvDetail[]): AjvDetail[] {
  const isEcho = (d: AjvDetail) =>
    d.keyword === 'oneOf' || d.keyword === 'anyOf' || (d.keyword === 'required' && d.params?.missingProperty === '$ref');
  const specific = details.filter((d) => !isEcho(d)).map((d) => d.instancePath ?? '');
  return details.filter((d) => {
    if (!isEcho(d)) return true;
    const at = d.instancePath ?? '';
    return !specific.some((p) => p === at || p.startsWith(at + '/'));
  });
}

function describe(d: AjvDetail): string {
  if (d.keyword === 'additionalProperties' && typeof d.params?.additionalProperty === 'string') {
    return `has the key \`${d.params.additionalProperty}\`, which the OpenAPI schema does not allow there`;
  }
  return d.message ?? 'is invalid';
}
