/**
 * The Overlay 1.0 and 1.1 JSON Schemas, compiled ahead of time like the OpenAPI 3.2 one (`openapi-validators.ts`).
 * The schemas are read from the shared materials (`$SDKFORGE_SHARED/specs/overlay/schemas`, else
 * `../shared/specs/overlay/schemas` beside the package), whose licence (Apache-2.0) allows compiling them but whose
 * terms here forbid committing a copy. `npm run compile` writes `dist/openapi-validators/overlay-1.0.cjs` and
 * `overlay-1.1.cjs` (with the LICENSE beside them, `overlay.LICENSE`); `overlayValidator` loads the one an overlay's
 * version needs, and is undefined when it was not compiled.
 *
 * Run as a script, it writes the modules.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../package-root.js';

const require = createRequire(import.meta.url);
const OUT = path.join(PACKAGE_ROOT, 'dist', 'openapi-validators');

export type OverlayVersion = '1.0' | '1.1';
export const OVERLAY_VERSIONS: readonly OverlayVersion[] = ['1.0', '1.1'];

export interface AjvError {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
}
type AjvValidate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

/** The shared overlay materials: the specification texts, schemas, schema tests and compliant sets. */
export function overlayDir(): string {
  const shared = process.env.SDKFORGE_SHARED ?? path.join(PACKAGE_ROOT, '..', 'shared');
  return path.resolve(shared, 'specs', 'overlay');
}

const schemaFile = (version: OverlayVersion) => path.join(overlayDir(), 'schemas', `v${version}`, 'schema.yaml');
const moduleFile = (version: OverlayVersion) => path.join(OUT, `overlay-${version}.cjs`);

function compile(version: OverlayVersion): { ajv: object; validate: AjvValidate } {
  const jsYaml = require('js-yaml') as typeof import('js-yaml').default;
  const schema = jsYaml.load(readFileSync(schemaFile(version), 'utf8')) as object;
  const { default: Ajv2020 } = require('ajv/dist/2020') as { default: new (o: object) => { compile(schema: object): AjvValidate } };
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false, code: { source: true } });
  return { ajv, validate: ajv.compile(schema) };
}

/**
 * Writes the two validators when the schemas can be read; returns whether they were written. With `require`, their
 * absence is an error (`prepack`: a packed tarball always has them).
 */
export function writeOverlayValidators(requireThem = false): boolean {
  if (!existsSync(schemaFile('1.1'))) {
    const message = `The Overlay schemas are not at ${path.dirname(path.dirname(schemaFile('1.1')))} (set SDKFORGE_SHARED to the shared materials): the overlay validators were not compiled.`;
    if (requireThem) throw new Error(message);
    console.warn(`warning: ${message}`);
    return false;
  }
  const { default: standaloneCode } = require('ajv/dist/standalone') as { default: (ajv: object, validate: AjvValidate) => string };
  mkdirSync(OUT, { recursive: true });
  for (const version of OVERLAY_VERSIONS) {
    const { ajv, validate } = compile(version);
    writeFileSync(moduleFile(version), standaloneCode(ajv, validate));
  }
  copyFileSync(path.join(overlayDir(), 'LICENSE'), path.join(OUT, 'overlay.LICENSE'));
  return true;
}

/** The compiled check of one Overlay version: the schema's errors (none when valid); undefined when not compiled. */
export function overlayValidator(version: OverlayVersion): ((doc: unknown) => AjvError[]) | undefined {
  const file = moduleFile(version);
  if (!existsSync(file)) return undefined;
  const validate = require(file) as AjvValidate;
  return (doc) => (validate(doc) ? [] : [...(validate.errors ?? [])]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    writeOverlayValidators(process.argv.includes('--require'));
  } catch (err) {
    console.error(`error: ${(err as Error).message}`);
    process.exit(1);
  }
}
