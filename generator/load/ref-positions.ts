/**
 * Where a `$ref` member is a reference and where it is data. OpenAPI says which objects may be Reference
 * Objects; anywhere else a `$ref` key is plain data: inside `example` and `examples[*].value`, a schema's
 * `default`, `enum`, `const` and `examples`, link parameters and extension (`x-…`) values. SCIM resources, for
 * one, carry `"$ref": "https://…"` as data, which a bundler would try to download.
 *
 * `scanFile` walks one parsed file knowing what each position holds (a path item, a schema, an example …) and
 * reports the references with what their target is (`role`), the objects whose `$ref` is data, the `$ref`s a
 * `description` makes to a Markdown or text file, and the schema resources (`$id`) and anchors (`$anchor`).
 * Positions it does not know are walked as before: every `$ref` there is a reference.
 */
import { escapePointerToken, parsePointer, pointerOf, resolvePointer, walkDocument } from '../util/json-pointer.js';

type Raw = Record<string, unknown>;

export type Role =
  | 'document'
  | 'swagger'
  | 'info'
  | 'tag'
  | 'server'
  | 'serverVariable'
  | 'externalDocs'
  | 'components'
  | 'paths'
  | 'pathItem'
  | 'operation'
  | 'parameter'
  | 'requestBody'
  | 'mediaType'
  | 'encoding'
  | 'responses'
  | 'response'
  | 'example'
  | 'link'
  | 'callback'
  | 'securityScheme'
  | 'schema'
  | 'unknown';

/** What a member holds: an object of a role, a map from names to one, data, or a description's text. */
type Child = Role | 'data' | 'text' | { map: Role };

/** An object role lists its members; a map role names what its values are (`extensions`: `x-…` keys are data). */
type RoleSpec = { fields: Record<string, Child> } | { values: Role; extensions: boolean };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const subSchemas = [
  'additionalProperties',
  'items',
  'prefixItems',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'additionalItems',
  'contentSchema',
];
const schemaMaps = ['properties', 'patternProperties', 'dependentSchemas', 'dependencies', '$defs', 'definitions'];

const ROLES: Record<Exclude<Role, 'unknown'>, RoleSpec> = {
  document: {
    fields: {
      info: 'info',
      servers: 'server',
      paths: 'paths',
      webhooks: 'paths',
      components: 'components',
      security: 'data',
      tags: 'tag',
      externalDocs: 'externalDocs',
    },
  },
  swagger: {
    fields: {
      info: 'info',
      paths: 'paths',
      definitions: { map: 'schema' },
      parameters: { map: 'parameter' },
      responses: { map: 'response' },
      securityDefinitions: { map: 'securityScheme' },
      security: 'data',
      tags: 'tag',
      externalDocs: 'externalDocs',
    },
  },
  info: { fields: { description: 'text', contact: 'data', license: 'data' } },
  tag: { fields: { description: 'text', externalDocs: 'externalDocs' } },
  server: { fields: { description: 'text', variables: { map: 'serverVariable' } } },
  serverVariable: { fields: { description: 'text', enum: 'data', default: 'data' } },
  externalDocs: { fields: { description: 'text' } },
  components: {
    fields: {
      schemas: { map: 'schema' },
      responses: { map: 'response' },
      parameters: { map: 'parameter' },
      examples: { map: 'example' },
      requestBodies: { map: 'requestBody' },
      headers: { map: 'parameter' },
      securitySchemes: { map: 'securityScheme' },
      links: { map: 'link' },
      callbacks: { map: 'callback' },
      pathItems: { map: 'pathItem' },
    },
  },
  paths: { values: 'pathItem', extensions: true },
  pathItem: {
    fields: { description: 'text', servers: 'server', parameters: 'parameter', ...Object.fromEntries(METHODS.map((m) => [m, 'operation'])) },
  },
  operation: {
    fields: {
      description: 'text',
      tags: 'data',
      externalDocs: 'externalDocs',
      parameters: 'parameter',
      requestBody: 'requestBody',
      responses: 'responses',
      callbacks: { map: 'callback' },
      security: 'data',
      servers: 'server',
    },
  },
  // a header is a parameter without `name` and `in`; Swagger 2.0 parameters carry `items`, `default` and `enum`
  parameter: {
    fields: {
      description: 'text',
      schema: 'schema',
      content: { map: 'mediaType' },
      example: 'data',
      examples: { map: 'example' },
      items: 'schema',
      default: 'data',
      enum: 'data',
    },
  },
  requestBody: { fields: { description: 'text', content: { map: 'mediaType' } } },
  mediaType: { fields: { schema: 'schema', itemSchema: 'schema', example: 'data', examples: { map: 'example' }, encoding: { map: 'encoding' } } },
  encoding: { fields: { headers: { map: 'parameter' } } },
  responses: { values: 'response', extensions: true },
  // Swagger 2.0 responses have `schema` and `examples` (media type → value)
  response: {
    fields: { description: 'text', headers: { map: 'parameter' }, content: { map: 'mediaType' }, links: { map: 'link' }, schema: 'schema', examples: 'data' },
  },
  example: { fields: { description: 'text', value: 'data' } },
  link: { fields: { description: 'text', parameters: 'data', requestBody: 'data', server: 'server' } },
  callback: { values: 'pathItem', extensions: true },
  securityScheme: { fields: { description: 'text', flows: 'data' } },
  schema: {
    fields: {
      description: 'text',
      externalDocs: 'externalDocs',
      default: 'data',
      enum: 'data',
      const: 'data',
      example: 'data',
      examples: 'data',
      discriminator: 'data',
      xml: 'data',
      ...Object.fromEntries(subSchemas.map((k) => [k, 'schema'])),
      ...Object.fromEntries(schemaMaps.map((k) => [k, { map: 'schema' }])),
    },
  },
};

export interface Reference {
  /** Where the object holding the `$ref` is in its file. */
  tokens: string[];
  ref: string;
  /** What the target is. */
  role: Role;
  holder: Raw;
  /** The base URI the `$ref` resolves against: the nearest enclosing schema `$id`, else the file's URL. */
  base: string;
}

export interface TextReference {
  /** The object whose `description` is `{ $ref }`. */
  holder: Raw;
  /** `description`. */
  key: string;
  ref: string;
  /** Where the `description` member is in its file. */
  tokens: string[];
}

export interface FileScan {
  references: Reference[];
  /** Objects whose `$ref` member is data. */
  data: Raw[];
  texts: TextReference[];
  /** Schema resources: absolute `$id` URI (no fragment) → where the schema is. */
  ids: Map<string, string[]>;
  /** `<resource URI>#<anchor>` → where the schema with that `$anchor` is. */
  anchors: Map<string, string[]>;
}

/** A file a `$ref` from a description names as text (Markdown, plain text …) rather than YAML or JSON. */
export function isTextFileRef(ref: string): boolean {
  const file = ref.split('#')[0]!;
  return file !== '' && !/\.(ya?ml|json)$/i.test(file.split('?')[0]!);
}

const stripHash = (uri: string) => uri.split('#')[0]!;

/**
 * Scans one file. `entries` say what is where (the root file is one `document` or `swagger` entry at `[]`; a file
 * another one refers to gets the role of each position referring into it); the rest of the file is walked with
 * no knowledge of its positions. `base` is the file's URL (`file:` for local files), the base of `$id`s.
 */
export function scanFile(doc: unknown, entries: { tokens: string[]; role: Role }[], base: string): FileScan {
  const scan: FileScan = { references: [], data: [], texts: [], ids: new Map(), anchors: new Map() };
  const dataRegions = new Set<string>();
  const dataHolders = new Set<Raw>();
  const walker = new Walker(scan, dataRegions, dataHolders);
  for (const entry of entries) {
    const node = resolvePointer(doc, entry.tokens);
    if (node !== undefined) walker.walk(node, entry.role, entry.tokens, base);
  }
  walker.walk(doc, 'unknown', [], base);

  // an internal `$ref` that points into data (reusable schemas kept under an `x-…` key) makes its target what
  // the `$ref` says: the `$ref`s inside it are references again
  for (let i = 0; i < scan.references.length; i++) {
    const { ref, role } = scan.references[i]!;
    if (!ref.startsWith('#/') || role === 'unknown') continue;
    let tokens: string[];
    try {
      tokens = parsePointer(ref);
    } catch {
      continue;
    }
    if (!inDataRegion(tokens, dataRegions)) continue;
    const target = resolvePointer(doc, tokens);
    if (target === undefined) continue;
    const found = scan.references.length;
    new Walker(scan, new Set(), new Set()).walk(target, role, tokens, base);
    for (const r of scan.references.slice(found)) dataHolders.delete(r.holder);
  }
  scan.data = [...dataHolders];
  return scan;
}

class Walker {
  private readonly seen = new WeakSet<object>();
  private readonly tokens: string[] = [];

  constructor(
    private readonly scan: FileScan,
    /** The pointers of the data regions (`example`, `default`, `x-…` values). */
    private readonly dataRegions: Set<string>,
    private readonly dataHolders: Set<Raw>,
  ) {}

  walk(node: unknown, role: Role, tokens: string[], base: string): void {
    this.tokens.length = 0;
    this.tokens.push(...tokens);
    this.visit(node, role, base);
  }

  private visit(node: unknown, role: Role, base: string): void {
    if (!node || typeof node !== 'object' || this.seen.has(node)) return;
    this.seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((value, i) => this.child(String(i), value, role, base));
      return;
    }
    const obj = node as Raw;
    if (typeof obj.$ref === 'string') {
      this.scan.references.push({ tokens: [...this.tokens], ref: obj.$ref, role, holder: obj, base });
      // a reference object's other members are its summary and description; schemas and path items have siblings
      if (role !== 'schema' && role !== 'pathItem' && role !== 'unknown') return;
    }
    if (role === 'schema') base = this.schemaResource(obj, base);
    const spec = role === 'unknown' ? undefined : ROLES[role];
    for (const key of Object.keys(obj)) {
      const value = obj[key];
      if (key === '$ref' || !value || typeof value !== 'object') continue;
      let child: Child;
      if (!spec) child = 'unknown';
      else if ('values' in spec) child = spec.extensions && key.startsWith('x-') ? 'data' : spec.values;
      else child = Object.hasOwn(spec.fields, key) ? spec.fields[key]! : key.startsWith('x-') ? 'data' : 'unknown';
      this.child(key, value, child, base, obj);
    }
  }

  private child(key: string, value: unknown, child: Child, base: string, owner?: Raw): void {
    this.tokens.push(key);
    if (child === 'data') this.data(value);
    else if (child === 'text') this.text(owner, key, value, base);
    else if (typeof child === 'object') {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const name of Object.keys(value)) {
          this.tokens.push(name);
          this.visit((value as Raw)[name], child.map, base);
          this.tokens.pop();
        }
      }
    } else this.visit(value, child, base);
    this.tokens.pop();
  }

  /** A `description` is a string; `{ $ref: intro.md }` there names the file holding the text. */
  private text(owner: Raw | undefined, key: string, value: unknown, base: string): void {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    const ref = (value as Raw).$ref;
    if (owner && typeof ref === 'string' && isTextFileRef(ref)) {
      this.scan.texts.push({ holder: owner, key, ref, tokens: [...this.tokens] });
      return;
    }
    this.visit(value, 'unknown', base);
  }

  /** Every object below `value` whose `$ref` is a member of the data. */
  private data(value: unknown): void {
    if (!value || typeof value !== 'object' || this.seen.has(value)) return;
    this.dataRegions.add(pointerOf(this.tokens));
    walkDocument(value, (node) => {
      if (this.seen.has(node)) return 'skip';
      this.seen.add(node);
      if (!Array.isArray(node) && typeof (node as Raw).$ref === 'string') this.dataHolders.add(node as Raw);
    });
  }

  /** A schema's `$id` starts a resource (the base of the `$ref`s inside it); its `$anchor` names it in one. */
  private schemaResource(obj: Raw, base: string): string {
    if (typeof obj.$id === 'string') {
      try {
        base = new URL(obj.$id, base).href;
        this.scan.ids.set(stripHash(base), [...this.tokens]);
      } catch {
        // not a URI reference: no resource
      }
    }
    if (typeof obj.$anchor === 'string') this.scan.anchors.set(`${stripHash(base)}#${obj.$anchor}`, [...this.tokens]);
    return base;
  }
}

/** Whether the pointer `tokens` is inside one of the data regions. */
function inDataRegion(tokens: string[], regions: Set<string>): boolean {
  if (regions.size === 0) return false;
  let pointer = '#';
  for (const t of tokens) {
    pointer += '/' + escapePointerToken(t);
    if (regions.has(pointer)) return true;
  }
  return false;
}

/** What a data `$ref` member is called while a bundler walks the document: a key no bundler follows. */
const DATA_REF = '$ref\u0000data';

/** Hides each data `$ref` from the bundler (the key keeps its place among the object's keys). */
export function protectData(holders: Raw[]): void {
  for (const holder of holders) renameKey(holder, '$ref', DATA_REF);
}

/** Gives every data `$ref` hidden by `protectData` below `doc` its name back. */
export function restoreData(doc: unknown): void {
  walkDocument(doc, (node) => {
    if (!Array.isArray(node) && Object.hasOwn(node, DATA_REF)) renameKey(node as Raw, DATA_REF, '$ref');
  });
}

function renameKey(obj: Raw, from: string, to: string): void {
  if (!Object.hasOwn(obj, from)) return;
  const entries = Object.entries(obj);
  for (const [k] of entries) delete obj[k];
  for (const [k, v] of entries) obj[k === from ? to : k] = v;
}
