/**
 * Load: reads a spec (YAML or JSON; a path or an http(s) URL), resolves local, multi-file and URL `$ref`s into
 * one bundled document whose refs are all internal, and validates it. Problems become diagnostics that say where
 * (file, line, column, JSON pointer) and what to do.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { parse as parseYaml, parseDocument, LineCounter } from 'yaml';
import { errorDiagnostic, GenerationError, type Diagnostic } from '../diagnostics.js';
import { findRef, locatePointer } from './locate.js';

export type OpenAPIDocument = Record<string, unknown>;

export interface LoadedSpec {
  /** The bundled document: every `$ref` in it is internal (`#/...`). */
  document: OpenAPIDocument;
  /** The path or URL it was loaded from, as given. */
  source: string;
  /** `3.0` or `3.1`. */
  openapiVersion: '3.0' | '3.1';
  warnings: Diagnostic[];
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
    return parseYaml(text, { maxAliasCount: -1, uniqueKeys: false, prettyErrors: false });
  } catch {
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
  const root = checkIsOpenAPI(raw, source);
  const base = isUrl(source) ? source : path.resolve(source);

  let document: OpenAPIDocument;
  try {
    document = (await SwaggerParser.bundle(base, root as never, {
      parse: { yaml: yamlPlugin, json: false, text: false, binary: false },
      // a spec fetched from a public host may not make us fetch internal addresses; local specs may
      resolve: { http: { safeUrlResolver: isUrl(source) && !isLoopback(source) } },
      dereference: { circular: true },
    } as never)) as unknown as OpenAPIDocument;
  } catch (err) {
    throw refError(err, source, text, root);
  }

  const warnings = await validate(document, base, source, text);
  return { document, source, openapiVersion: String(root.openapi).startsWith('3.1') ? '3.1' : '3.0', warnings };
}

function checkIsOpenAPI(raw: unknown, file: string): OpenAPIDocument {
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
  if (typeof doc.swagger === 'string') {
    throw new GenerationError([
      errorDiagnostic('unsupported-version', `Swagger ${doc.swagger} input is not supported yet.`, {
        file,
        pointer: '#/swagger',
        line: 1,
        hint: 'Convert the document to OpenAPI 3 first (for example with swagger2openapi).',
      }),
    ]);
  }
  if (typeof doc.openapi !== 'string' || !/^3\.[01]\./.test(doc.openapi)) {
    const has = typeof doc.openapi === 'string' ? `declares openapi: ${doc.openapi}` : 'has no `openapi` field';
    throw new GenerationError([
      errorDiagnostic('not-openapi', `The document is not an OpenAPI 3.0 or 3.1 description: it ${has}.`, {
        file,
        pointer: '#/openapi',
        hint: 'Point --spec at an OpenAPI document; its top level needs `openapi: 3.0.x` or `openapi: 3.1.x`, `info` and `paths`.',
      }),
    ]);
  }
  return doc;
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

/**
 * Schema and spec validation. Real-world specs often break a rule and still describe a usable API, so
 * violations are warnings with their location; generation goes on with the most sensible reading.
 */
async function validate(document: OpenAPIDocument, base: string, file: string, text: string | undefined): Promise<Diagnostic[]> {
  try {
    await SwaggerParser.validate(base, structuredClone(document) as never, {
      resolve: { external: false },
      dereference: { circular: 'ignore' },
    } as never);
    return [];
  } catch (err) {
    const details = (err as { details?: { instancePath?: string; message?: string }[] }).details;
    if (!details) {
      return [{ severity: 'warning', code: 'spec-invalid', message: (err as Error).message.split('\n')[0] ?? '', file }];
    }
    const seen = new Set<string>();
    const out: Diagnostic[] = [];
    for (const d of details) {
      const pointer = '#' + (d.instancePath ?? '');
      const key = `${pointer} ${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const pos = out.length < 20 && text !== undefined ? locatePointer(text, pointer) : undefined;
      out.push({
        severity: 'warning',
        code: 'schema-invalid',
        message: `The document breaks the OpenAPI schema: ${pointer} ${d.message ?? 'is invalid'}.`,
        hint: 'Generation goes on with the most sensible reading; fix the spec to silence this.',
        file,
        line: pos?.line,
        column: pos?.column,
        pointer,
      });
    }
    return out;
  }
}
