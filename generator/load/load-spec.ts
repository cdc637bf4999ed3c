/**
 * Load: reads a spec (YAML or JSON; a path or an http(s) URL), resolves local, multi-file and URL `$ref`s into
 * one bundled document whose refs are all internal, and validates it. Problems become diagnostics that say where
 * (file, line, column, JSON pointer) and what to do.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { errorDiagnostic, GenerationError, groupPlaces, moreLikeThis, type Diagnostic } from '../diagnostics.js';
import { escapePointerToken, followPointer, parsePointer, pointerOf } from '../util/json-pointer.js';
import { Bundler } from './bundle.js';
import { DEFAULT_FETCH_TIMEOUT, FetchError, fetchText } from './fetch-text.js';
import { createLocator, locatePointer, type Position } from './locate.js';
import { applyOverlays, plainCopy, readOverlay, type OverlayOrigins } from './overlay.js';
import { parseText } from './parse-text.js';
import { restoreData, type Reference } from './ref-positions.js';
import { openapiSchemaValidator } from './openapi-validators.js';
import { baseUri } from './self-uri.js';
import { convertSwagger2, locateInSwagger2 } from './swagger2.js';

export type OpenAPIDocument = Record<string, unknown>;

export interface LoadedSpec {
  /** The bundled document: every reference in it is internal (`#/...`); a `$ref` member of data is kept as it is. */
  document: OpenAPIDocument;
  /** The path or URL it was loaded from, as given. */
  source: string;
  /** `3.0`, `3.1` or `3.2` (a Swagger 2.0 input is converted to 3.0). */
  openapiVersion: '3.0' | '3.1' | '3.2';
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

export interface LoadOptions {
  /** Milliseconds a spec URL or a remote `$ref` may take (connecting, headers and body). Default 30000. */
  fetchTimeout?: number;
  /**
   * Overlay documents (paths or URLs), applied in order to the parsed spec before anything else reads it
   * (`overlay.ts`). `extends` in them is not followed: `source` is the target.
   */
  overlays?: readonly string[];
}

/** What the overlays did: their files (as given), their warnings, and the origin of each node of the result. */
interface Applied {
  files: string[];
  warnings: Diagnostic[];
  origins: OverlayOrigins;
}

/** Reads the overlays and applies them in order to `raw` (in place); undefined when there are none. */
async function withOverlays(raw: unknown, options: LoadOptions, fetchTimeout: number): Promise<Applied | undefined> {
  const files = options.overlays ?? [];
  // a document that is no mapping is reported as such by the load itself
  if (files.length === 0 || !raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const overlays = await Promise.all(files.map((file) => readOverlay(file, fetchTimeout)));
  return { files: [...files], ...applyOverlays(raw, overlays) };
}

/**
 * Errors in the document the overlays left are the overlays' doing unless they are the spec's own: each error
 * says the overlays were applied; and a schema violation at a node an overlay wrote is an error, not the warning
 * a violation in the spec itself is (nothing is written), located at the overlay's action.
 */
async function afterOverlays(applied: Applied | undefined, load: () => Promise<LoadedSpec>): Promise<LoadedSpec> {
  if (!applied) return load();
  const files = new Set(applied.files);
  const note = `The spec was loaded with the overlays ${applied.files.join(', ')} applied.`;
  const mark = (d: Diagnostic): Diagnostic => (d.severity === 'error' ? { ...d, hint: d.hint ? `${d.hint} ${note}` : note } : d);
  let loaded: LoadedSpec;
  try {
    loaded = await load();
  } catch (err) {
    if (err instanceof GenerationError) throw new GenerationError([...applied.warnings, ...err.diagnostics.map(mark)]);
    throw err;
  }
  const warnings = [...applied.warnings, ...loaded.warnings].map((d): Diagnostic =>
    d.code === 'schema-invalid' && d.file !== undefined && files.has(d.file)
      ? {
          ...d,
          severity: 'error',
          code: 'overlay-breaks-document',
          message: d.message.replace(/^The document breaks/, 'The overlay makes the document break'),
          hint: 'Correct the action at this line so the document it leaves is valid OpenAPI.',
        }
      : d,
  );
  if (warnings.some((d) => d.severity === 'error')) throw new GenerationError(warnings);
  return { ...loaded, warnings };
}

/** Reads the root file's text; a missing file or an unreachable URL is an error diagnostic. */
async function readSource(source: string, fetchTimeout: number): Promise<string> {
  if (isUrl(source)) {
    try {
      return await fetchText(source, fetchTimeout);
    } catch (err) {
      const reason = err instanceof FetchError ? err.reason : (err as Error).message;
      throw new GenerationError([
        errorDiagnostic('file-missing', `Cannot read the spec at ${source}: ${reason}.`, {
          file: source,
          hint: /^no answer/.test(reason)
            ? 'Check that the URL is right and its server answers; --fetch-timeout MS gives a slow server more time.'
            : 'Check the URL (scheme, host and port) and that its server is running.',
        }),
      ]);
    }
  }
  try {
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

export async function loadSpec(source: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const fetchTimeout = options.fetchTimeout ?? DEFAULT_FETCH_TIMEOUT;
  const text = await readSource(source, fetchTimeout);
  const raw = parseText(text, source);
  const applied = await withOverlays(raw, options, fetchTimeout);
  return afterOverlays(applied, () => loadParsed(raw, source, text, fetchTimeout, applied?.origins));
}

/**
 * Loads a document already in memory (e.g. built by a program). `source` names it in diagnostics and is the base
 * for relative `$ref`s. Locations are given as JSON pointers only, since there is no text.
 */
export async function loadDocument(document: object, source = 'spec.yaml', options: LoadOptions = {}): Promise<LoadedSpec> {
  const fetchTimeout = options.fetchTimeout ?? DEFAULT_FETCH_TIMEOUT;
  // with overlays, a copy their queries can descend into (`plainCopy`)
  const raw = options.overlays?.length ? plainCopy(document) : structuredClone(document);
  const applied = await withOverlays(raw, options, fetchTimeout);
  return afterOverlays(applied, () => loadParsed(raw, source, undefined, fetchTimeout, applied?.origins));
}

async function loadParsed(raw: unknown, source: string, text: string | undefined, fetchTimeout: number, origins?: OverlayOrigins): Promise<LoadedSpec> {
  const root = checkIsOpenAPI(raw, source, text);
  const retrieval = isUrl(source) ? source : path.resolve(source);
  // 3.2: `$self` is the base URI of the document's relative references
  const base = String(root.openapi).startsWith('3.2') ? baseUri(root.$self, retrieval) : retrieval;
  const swagger2 = root.swagger === '2.0';
  const locate: (pointer: string) => Position | undefined = text !== undefined ? createLocator(text) : () => undefined;
  // after overlays, a node they wrote is located at the overlay action that wrote it; any other node at its own
  // place in the spec (its pointer in the original document, which differs where removals moved array elements)
  const where = (pointer: string): Partial<Diagnostic> => {
    const origin = origins?.originOf(pointer) ?? { spec: pointer };
    if ('overlay' in origin) return { pointer, file: origin.overlay.file, line: origin.overlay.line, column: origin.overlay.column };
    return { pointer, ...locate(origin.spec) };
  };

  // `$ref`s in data (examples, defaults, extensions) are hidden from the bundler; description `$ref`s to text
  // files are replaced by the text; `$ref`s to `$id`s and `$anchor`s become JSON pointers
  const bundler = new Bundler({ source, base, fetchTimeout, safeUrls: isUrl(source) && !isLoopback(source), where });
  const refs = await bundler.prepareRoot(root, swagger2 ? 'swagger' : 'document');
  // A document whose $refs are all JSON pointers into itself is already bundled. Bundling it anyway would cost
  // time and collapse ref chains (`A: {$ref: B}, B: {$ref: A}` would become `A: {$ref: A}`, hiding B from a
  // cycle diagnostic), so it is only checked for dangling pointers.
  const internalOnly = refs.every((r) => r.ref === '#' || r.ref.startsWith('#/'));
  let original = root;
  let document: OpenAPIDocument;
  if (internalOnly) {
    checkPointers(root, refs, source, where);
    document = root;
  } else {
    bundler.hideRootData();
    // bundling rewrites the root in place; the Swagger 2.0 path needs the original refs to name schemas
    if (swagger2) original = structuredClone(root);
    document = await bundler.bundle(root);
  }
  const restore = (doc: unknown) => {
    if (bundler.protectedCount > 0) restoreData(doc);
  };

  const warnings: Diagnostic[] = [];
  if (swagger2) {
    const bundled2 = document;
    const converted = await convertSwagger2(bundled2, original, base, source, where);
    document = converted.document;
    restore(document);
    if (original !== document) restore(original);
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
  restore(document);
  const whereSource = (pointer: string) => ({ file: source, ...where(pointer) });
  warnings.push(...(await validate(document, base, source, (pointer) => ({ ...whereSource(pointer), converted: false }))));
  const version = String(root.openapi);
  return { document, source, openapiVersion: version.startsWith('3.2') ? '3.2' : version.startsWith('3.1') ? '3.1' : '3.0', warnings, where: whereSource };
}

const SUPPORTED = 'sdkforge reads Swagger 2.0, OpenAPI 3.0.x, 3.1.x and 3.2.x documents';

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
  if (typeof doc.openapi === 'string' && /^3\.[012](\.|$)/.test(doc.openapi)) return doc;
  if ((typeof doc.openapi === 'string' && /^\d+\.\d+(\.\d+)?/.test(doc.openapi)) || typeof doc.openapi === 'number') {
    throw new GenerationError([
      errorDiagnostic('unsupported-version', `OpenAPI ${String(doc.openapi)} is not supported: ${SUPPORTED}.`, {
        file,
        ...at('#/openapi'),
        hint:
          typeof doc.openapi === 'number'
            ? 'Quote the version and give all three parts, e.g. `openapi: "3.1.0"`.'
            : 'If the document uses only OpenAPI 3.2 features, declare `openapi: 3.2.0`; otherwise generate from a 3.0, 3.1 or 3.2 version of it.',
      }),
    ]);
  }
  const has = typeof doc.openapi === 'string' ? `declares openapi: ${doc.openapi}` : 'has no `openapi` field';
  throw new GenerationError([
    errorDiagnostic('not-openapi', `The document is not an OpenAPI 3.0, 3.1 or 3.2 (or Swagger 2.0) description: it ${has}.`, {
      file,
      pointer: '#/openapi',
      hint: 'Point --spec at an OpenAPI document; its top level needs `openapi: 3.0.x`, `3.1.x` or `3.2.x` (or `swagger: "2.0"`), `info` and `paths`.',
    }),
  ]);
}

/** The first internal `$ref` that points at nothing is an error, as the bundler would report it. */
function checkPointers(document: unknown, refs: Reference[], file: string, where: (pointer: string) => Partial<Diagnostic>): void {
  for (const { tokens: at, ref } of refs) {
    let tokens: string[];
    try {
      tokens = parsePointer(ref);
    } catch {
      tokens = [ref];
    }
    const { depth } = followPointer(document, tokens);
    if (depth === tokens.length) continue;
    const missing = tokens[depth]!;
    throw new GenerationError([
      errorDiagnostic('ref-missing', `A $ref points at nothing: Missing $ref pointer "${ref}". Token "${missing}" does not exist.`, {
        file,
        ...where(pointerOf(at)),
        hint: 'Correct the $ref target or add the missing definition.',
      }),
    ]);
  }
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
    } else if (String(document.openapi).startsWith('3.2')) {
      // swagger-parser has no 3.2 check; the compiled one is written by `npm run compile` from the shared 3.2 schema
      return [
        {
          severity: 'warning',
          code: 'schema-unchecked',
          message: 'The document was not checked against the OpenAPI 3.2 schema: this sdkforge has no compiled 3.2 validator (dist/openapi-validators/v32.cjs).',
          hint: 'Reinstall sdkforge, or in a checkout run `npm run compile` with the OpenAPI 3.2 schema in ../shared (or SDKFORGE_SHARED).',
          file,
        },
      ];
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
    const pointerOfDetail = (d: AjvDetail) => '#' + (d.instancePath ?? '');
    const groups = groupPlaces(
      withoutEchoes(details),
      (d) => `${d.schemaPath} ${d.keyword} ${d.message} ${JSON.stringify(d.params ?? {})}`,
      pointerOfDetail,
      { distinct: true },
    );
    return groups.map(({ first: detail, rest }): Diagnostic => {
      const first = pointerOfDetail(detail);
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
  // a member the schema forbids where it is (3.2: `xml.wrapped` or `xml.attribute` beside `nodeType`)
  if (d.keyword === 'false schema') return 'is excluded by a member beside it';
  return d.message ?? 'is invalid';
}
