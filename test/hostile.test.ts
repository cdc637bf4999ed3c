// Hostile specs (test/hostile/*.yaml): spec text that tries to close comments, end strings and templates, or name
// things after runtime members cannot inject code. Every output compiles strictly, its AST declares exactly the
// expected names and nothing else, and the built package, used against a real local server, runs no injected
// code and sends the property names as given.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { StructureKind } from '../generator/emit/structures.js';
import ts from 'typescript';
import { buildPackage } from '../generator/build-package.js';
import { defaultsStatements } from '../generator/emit/emit-client.js';
import { PREFORMATTED } from '../generator/emit/emit-package.js';
import { OPERATION_IMPORTS, OPERATION_NAMES_TAKEN, runtimeSources } from '../generator/emit/runtime-files.js';
import { generate } from '../generator/index.js';
import { prettierDrift } from './helpers/prettier-stable.js';
import { ClientCore } from '../generator/runtime/core.js';
import { ROOT } from './helpers/paths.js';
import { json, startServer, type TestServer } from './helpers/server.js';
import { listTsFiles, typecheck } from './helpers/typecheck.js';

const run = promisify(execFile);
const HOSTILE = path.join(ROOT, 'test/hostile');

/** What each emitted source file may declare at top level (`kind name`), and the client class's members. */
interface Expected {
  types: string[];
  operations: string[];
  client: string[];
  clientMembers: string[];
  /** `src/resources.ts`: its classes, by name, each with its members. */
  resources: Record<string, string[]>;
}

const EXPECTED: Record<string, Expected> = {
  'docs.yaml': {
    types: ['type Kind', 'interface Thing', 'type Trailing', 'type Slash'],
    operations: ['type ListThingsParams', 'function listThings'],
    client: ['class DocsGlobalThisPwnedInfoTitleX'],
    clientMembers: ['constructor', 'listThings', 'things'],
    resources: { ThingsResource: ['constructor', 'list'] },
  },
  'names.yaml': {
    types: ['interface Weird', 'type Choice', 'type Numbers', 'interface AProcessExit1FunctionB', 'type Constructor', 'type Proto'],
    operations: [
      'type AProcessExit1FunctionBParams',
      'function aProcessExit1FunctionB',
      'function constructor2',
      'function toString2',
      'function send2',
      'function request2',
      'function encodePath2',
    ],
    client: ['class Names'],
    clientMembers: ['constructor', 'aProcessExit1FunctionB', 'constructor2', 'toString2', 'send2', 'request2', 'encodePath2', 'items', 'enc', 'send3', 'request3', 'encode'],
    // resources named like client members or flat methods are suffixed; a path parameter `client` is `client2`
    resources: {
      ItemsResource: ['constructor', 'tags', 'update'],
      ItemsTagsResource: ['constructor', 'list'],
      EncResource: ['constructor', 'retrieve'],
      Send3Resource: ['constructor', 'retrieve'],
      Request3Resource: ['constructor', 'retrieve'],
      EncodeResource: ['constructor', 'retrieve'],
    },
  },
};

const specs = readdirSync(HOSTILE).filter((f) => f.endsWith('.yaml')).sort();
const outputs = new Map<string, Map<string, string>>();
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-hostile-'));
  for (const spec of specs) {
    const result = await generate({ spec: path.join(HOSTILE, spec), write: false });
    outputs.set(spec, result.files);
  }
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeOut(spec: string): string {
  const dir = path.join(tmp, path.basename(spec, '.yaml'));
  for (const [name, text] of outputs.get(spec)!) {
    const file = path.join(dir, name);
    ts.sys.writeFile(file, text); // creates directories
  }
  return dir;
}

const nameOf = (n: { name?: ts.Node | undefined }) => (n.name ? (n.name as ts.Identifier).text ?? n.name.getText() : '<anonymous>');

/** Top-level declarations as `kind name`, plus anything else that is not an import or export. */
function topLevel(sf: ts.SourceFile): { declared: string[]; unexpected: string[]; modules: string[] } {
  const declared = new Set<string>();
  const unexpected: string[] = [];
  const modules: string[] = [];
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) {
      if (st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) modules.push(st.moduleSpecifier.text);
      else unexpected.push(`${ts.SyntaxKind[st.kind]} without a module`);
    } else if (ts.isInterfaceDeclaration(st)) declared.add(`interface ${st.name.text}`);
    else if (ts.isTypeAliasDeclaration(st)) declared.add(`type ${st.name.text}`);
    else if (ts.isFunctionDeclaration(st)) declared.add(`function ${nameOf(st)}`);
    else if (ts.isClassDeclaration(st)) declared.add(`class ${nameOf(st)}`);
    else if (ts.isVariableStatement(st) && st.declarationList.declarations.every((d) => ts.isIdentifier(d.name) && d.initializer && ts.isObjectLiteralExpression(d.initializer))) {
      // only object-literal constants (the client defaults): their values are literals checked below
      for (const d of st.declarationList.declarations) declared.add(`const ${(d.name as ts.Identifier).text}`);
    } else unexpected.push(`${ts.SyntaxKind[st.kind]}: ${st.getText(sf).slice(0, 120)}`);
  }
  return { declared: [...declared], unexpected, modules };
}

/** A function or method body that is anything but one `return` (the constructor: one `super(…)` call). */
function oddBodies(sf: ts.SourceFile): string[] {
  const odd: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.body) {
      const body = node.body.statements;
      if (body.length !== 1 || !ts.isReturnStatement(body[0]!)) odd.push(`${nameOf(node)}: ${node.body.getText(sf).slice(0, 120)}`);
    }
    if (ts.isConstructorDeclaration(node) && node.body) {
      const body = node.body.statements;
      const only = body[0];
      const isSuper = only && ts.isExpressionStatement(only) && ts.isCallExpression(only.expression) && only.expression.expression.kind === ts.SyntaxKind.SuperKeyword;
      // a resource class's constructor assigns its sub-resources: `this.x = new XResource(client)`
      const assignsResources = body.every(
        (st) =>
          ts.isExpressionStatement(st) &&
          ts.isBinaryExpression(st.expression) &&
          ts.isPropertyAccessExpression(st.expression.left) &&
          st.expression.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
          ts.isNewExpression(st.expression.right),
      );
      if (!(body.length === 1 && isSuper) && !assignsResources) odd.push(`constructor: ${node.body.getText(sf).slice(0, 120)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return odd;
}

test('files emitted in prettier\'s form (types.ts, README, JSON) are exactly as prettier formats them', async () => {
  for (const spec of specs) {
    for (const [name, text] of outputs.get(spec)!) {
      if (PREFORMATTED(name) && !name.startsWith('src/runtime/')) expect(await prettierDrift(name, text)).toBeUndefined();
    }
  }
});

test('every hostile spec has an expected declaration list', () => {
  expect(specs).toEqual(Object.keys(EXPECTED).sort());
});

describe.each(Object.keys(EXPECTED))('%s', (spec) => {
  const expected = EXPECTED[spec]!;
  const parse = (file: string) => {
    const text = outputs.get(spec)!.get(file);
    expect(text).toBeDefined();
    return ts.createSourceFile(file, text!, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  };

  test('emitted files parse without syntax errors', () => {
    for (const [file, text] of outputs.get(spec)!) {
      if (!file.endsWith('.ts')) continue;
      const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const diagnostics = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
      expect({ file, errors: diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')) }).toEqual({ file, errors: [] });
    }
    for (const file of ['package.json', 'tsconfig.json']) expect(() => JSON.parse(outputs.get(spec)!.get(file)!)).not.toThrow();
  });

  test('declares exactly the expected names, and no other statements', () => {
    const files: [string, string[]][] = [
      ['src/types.ts', expected.types],
      ['src/operations.ts', expected.operations],
      ['src/client.ts', expected.client],
      ['src/resources.ts', Object.keys(expected.resources).map((name) => `class ${name}`)],
      ['src/defaults.ts', ['const clientDefaults', 'function createClient']],
      ['src/index.ts', []],
    ];
    for (const [file, names] of files) {
      const sf = parse(file);
      const { declared, unexpected, modules } = topLevel(sf);
      expect({ file, declared: declared.sort(), unexpected }).toEqual({ file, declared: [...names].sort(), unexpected: [] });
      // only the package's own modules are imported or re-exported
      for (const m of modules) expect(m).toMatch(/^\.\/(?:types|operations|resources|client|defaults|runtime\/[a-z-]+)\.js$/);
      expect({ file, oddBodies: oddBodies(sf) }).toEqual({ file, oddBodies: [] });
    }
  });

  /** A class's member names; every member is a constructor, a method, or a field holding `new <Resource>(this)`. */
  const membersOf = (sf: ts.SourceFile, cls: ts.ClassDeclaration) => {
    const resourceField = (m: ts.ClassElement) =>
      ts.isPropertyDeclaration(m) && (!m.initializer || (ts.isNewExpression(m.initializer) && ts.isIdentifier(m.initializer.expression) && m.initializer.expression.text.endsWith('Resource')));
    expect(cls.members.filter((m) => !ts.isConstructorDeclaration(m) && !ts.isMethodDeclaration(m) && !resourceField(m)).map((m) => m.getText(sf))).toEqual([]);
    return [...new Set(cls.members.map((m) => (ts.isConstructorDeclaration(m) ? 'constructor' : m.name ? m.name.getText(sf) : `<${ts.SyntaxKind[m.kind]}>`)))].sort();
  };

  test('the client class has exactly the expected members', () => {
    const sf = parse('src/client.ts');
    expect(membersOf(sf, sf.statements.find(ts.isClassDeclaration)!)).toEqual([...expected.clientMembers].sort());
  });

  test('each resource class has exactly the expected members', () => {
    const sf = parse('src/resources.ts');
    const classes = sf.statements.filter(ts.isClassDeclaration);
    expect(Object.fromEntries(classes.map((c) => [c.name!.text, membersOf(sf, c)]))).toEqual(Object.fromEntries(Object.entries(expected.resources).map(([k, v]) => [k, [...v].sort()])));
  });
});

test('every hostile output passes tsc --strict with 0 errors (one program)', () => {
  const files = specs.flatMap((spec) => listTsFiles(path.join(writeOut(spec), 'src')));
  expect(typecheck(files)).toEqual([]);
});

test('descriptions keep their text, inside comments only', () => {
  const client = outputs.get('docs.yaml')!.get('src/client.ts')!;
  const sf = ts.createSourceFile('defaults.ts', outputs.get('docs.yaml')!.get('src/defaults.ts')!, ts.ScriptTarget.Latest, true);
  // the only string literals are the client defaults and the server URL, exactly as given
  const strings: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) strings.push(n.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  expect(strings).toContain("http://127.0.0.1/ */ globalThis.__pwned = 'server'; /*");
  expect(client).toContain("List *\\/ globalThis.__pwned = 'summary'");
  // raw line separators would end a line comment early: every .ts output escapes or replaces them
  for (const [file, text] of outputs.get('docs.yaml')!) if (file.endsWith('.ts')) expect(text).not.toMatch(/[\u2028\u2029]/);
});

test('enum values and property names survive as exact string literal types', () => {
  const types = outputs.get('names.yaml')!.get('src/types.ts')!;
  const sf = ts.createSourceFile('types.ts', types, ts.ScriptTarget.Latest, true);
  const alias = sf.statements.filter(ts.isTypeAliasDeclaration).find((s) => s.name.text === 'Choice')!;
  const values = (alias.type as ts.UnionTypeNode).types.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text);
  expect(values).toEqual(['plain', "it's", 'say "hi"', 'line\nbreak', 'cr\r\nlf', '\u2028sep\u2029', '`${globalThis.__pwned = 1}`', '\\"; globalThis.__pwned = 1; "', '*/']);
  const weird = sf.statements.filter(ts.isInterfaceDeclaration).find((s) => s.name.text === 'Weird')!;
  const keys = weird.members.map((m) => {
    const name = m.name!;
    return ts.isComputedPropertyName(name) ? (name.expression as ts.StringLiteral).text : ts.isIdentifier(name) ? name.text : (name as ts.StringLiteral).text;
  });
  expect(keys).toEqual(['__proto__', 'constructor', "it's", 'say "hi"', 'back`tick', '${globalThis.__pwned = 1}', '`${globalThis.__pwned = 1}`', 'a\\b', 'new\nline\u2028', 'choice']);
});

/** The value (not type-only) names a module imports and exports, from its source. */
function moduleValueNames(file: string): { imported: string[]; exported: string[] } {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const imported: string[] = [];
  const exported: string[] = [];
  const exportedDecl = (node: ts.Node) => ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && st.importClause && !st.importClause.isTypeOnly) {
      const bindings = st.importClause.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) imported.push(...bindings.elements.filter((e) => !e.isTypeOnly).map((e) => e.name.text));
    }
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name && exportedDecl(st)) exported.push(st.name.text);
    if (ts.isVariableStatement(st) && exportedDecl(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) exported.push(d.name.text);
  }
  return { imported, exported };
}

test('operation names avoid every member the client class inherits and every value operations share a module with, and nothing else', () => {
  const core = new ClientCore({ apiKey: 'k', baseURL: 'http://127.0.0.1' }, { baseURL: '', envPrefix: 'X', auth: {} });
  const members = [...Object.keys(core), ...Object.getOwnPropertyNames(ClientCore.prototype), ...Object.getOwnPropertyNames(Object.prototype)];
  expect(members.filter((m) => !OPERATION_NAMES_TAKEN.includes(m))).toEqual([]);
  // operations.ts's value imports sit beside the operation functions; defaults.ts's exports beside them in index.ts
  // generated/ names no environments: defaults.ts's exports for a spec that does (3.2 `servers[].name`)
  const namedServers = defaultsStatements(
    { title: 'T', version: '1', environments: [{ name: 'a', url: 'http://127.0.0.1', pointer: '#/servers/0' }], schemas: [], operations: [], security: [{ name: 'k', kind: 'bearer', deprecated: true }] },
    { clientName: 'T', envPrefix: 'T' },
  ).flatMap((st) =>
    st.kind === StructureKind.Function && st.isExported && st.name ? [st.name] : st.kind === StructureKind.VariableStatement && st.isExported ? st.declarations.map((d) => d.name) : [],
  );
  // generated/ has webhooks: the client's `webhooks` member, src/webhooks.ts's values and verifySignature, exported beside the operations
  const webhookNames = [...moduleValueNames(path.join(ROOT, 'generated/src/webhooks.ts')).exported, 'verifySignature', 'webhooks'];
  expect(readFileSync(path.join(ROOT, 'generated/src/index.ts'), 'utf8')).toMatch(/\bverifySignature,[^]*from '\.\/runtime\/webhooks\.js'/);
  expect(readFileSync(path.join(ROOT, 'generated/src/client.ts'), 'utf8')).toContain('readonly webhooks: Webhooks<WebhookEvent>;');
  const moduleNames = [
    ...moduleValueNames(path.join(ROOT, 'generated/src/operations.ts')).imported,
    ...moduleValueNames(path.join(ROOT, 'generated/src/defaults.ts')).exported,
    ...namedServers,
    ...webhookNames,
  ];
  expect(namedServers).toEqual(expect.arrayContaining(['environments', 'clientOptions']));
  expect(moduleNames).toEqual(expect.arrayContaining(['encodePath', 'createClient', 'clientDefaults']));
  expect(moduleNames.filter((name) => !OPERATION_NAMES_TAKEN.includes(name))).toEqual([]);
  // every value any package's operations.ts may import (a format, a page class, …) is exported by its runtime module
  const importable = OPERATION_IMPORTS.filter((i) => moduleValueNames(path.join(ROOT, 'generator/runtime', i.file)).exported.includes(i.name));
  expect(importable).toEqual(OPERATION_IMPORTS);
  // the other direction: an entry that is none of these (a ClientCore member since removed) is stale
  const known = new Set([...members, ...moduleNames, ...importable.map((i) => i.name)]);
  expect(OPERATION_NAMES_TAKEN.filter((name) => !known.has(name))).toEqual([]);
});

describe('the built package at run time', () => {
  let server: TestServer;
  let dirs: Record<string, string>;
  beforeAll(async () => {
    server = await startServer((_req, res) => json(res, 200, { ok: true }));
    dirs = {};
    for (const spec of specs) {
      const dir = writeOut(spec);
      expect(buildPackage(dir)).toEqual([]);
      dirs[spec] = dir;
    }
  });
  afterAll(() => server.close());

  test('importing and calling it runs no injected code and sends names and values as given', async () => {
    // computed keys: a plain `__proto__:` in an object literal sets the prototype
    const body = {
      ['__proto__']: 'p',
      constructor: 'c',
      "it's": 'q',
      'say "hi"': 'd',
      'back`tick': 'b',
      '${globalThis.__pwned = 1}': 't',
      '`${globalThis.__pwned = 1}`': 'tt',
      'a\\b': 'bs',
      'new\nline\u2028': 'nl',
      choice: '`${globalThis.__pwned = 1}`',
    };
    const params = { ['__proto__']: 'qp', constructor: 'qc', 'q"\'`${globalThis.__pwned = 1}`': 'weird', 'x-proto': 'hp' };
    const script = `
      const names = await import(${JSON.stringify(path.join(dirs['names.yaml']!, 'dist/esm/index.js'))});
      const docs = await import(${JSON.stringify(path.join(dirs['docs.yaml']!, 'dist/esm/index.js'))});
      const { createRequire } = await import('node:module');
      const cjs = createRequire(import.meta.url)(${JSON.stringify(path.join(dirs['names.yaml']!, 'dist/cjs/index.js'))});
      const base = process.env.BASE;
      const c = new names.Names({ baseURL: base, maxRetries: 0 });
      const out = {};
      out.created = await c.aProcessExit1FunctionB('../etc', JSON.parse(process.env.BODY), JSON.parse(process.env.PARAMS));
      out.tags = await c.constructor2('a/b');
      out.sent = await c.send2();
      out.requested = await c.request2();
      out.encoded = await c.encodePath2();
      out.enc = await names.toString2(c, 'x y', '..?');
      out.cjs = await new cjs.Names({ baseURL: base, maxRetries: 0 }).toString2('1', '2');
      const d = new docs.default({ baseURL: base, maxRetries: 0 });
      out.things = await d.listThings({ kind: 'a', 'x-trace': 't' });
      out.defaultBase = new names.Names().baseURL;
      out.pwned = globalThis.__pwned ?? null;
      console.log(JSON.stringify(out));`;
    const env: NodeJS.ProcessEnv = { ...process.env, BASE: server.url, BODY: JSON.stringify(body), PARAMS: JSON.stringify(params) };
    delete env['NAMES_BASE_URL'];
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env });
    const out = JSON.parse(stdout.trim());
    expect(out.pwned).toBeNull();
    expect(out.created).toEqual({ ok: true });
    expect(out.defaultBase).toBe('http://127.0.0.1/"; globalThis.__pwned = \'server\'; "\'`${globalThis.__pwned = 1}`\\');

    const [created, tags, sent, requested, encoded, enc, cjs, things] = server.requests;
    expect(server.requests).toHaveLength(8);
    expect(created!.method).toBe('POST');
    expect(created!.rawPath).toBe('/items/..%2Fetc');
    expect(Object.keys(created!.json as object)).toEqual(Object.keys(body));
    expect(created!.body).toBe(JSON.stringify(body));
    expect(Object.fromEntries(created!.query)).toEqual({ ['__proto__']: 'qp', constructor: 'qc', 'q"\'`${globalThis.__pwned = 1}`': 'weird' });
    expect([...created!.query.keys()]).toEqual(['__proto__', 'constructor', 'q"\'`${globalThis.__pwned = 1}`']);
    expect(created!.headers['x-proto']).toBe('hp');
    expect(tags!.rawPath).toBe('/items/a%2Fb/tags');
    expect([sent!.rawPath, requested!.rawPath, encoded!.rawPath]).toEqual(['/send', '/request', '/encode']);
    expect(enc!.rawPath).toBe('/enc/x%20y/..%3F');
    expect(cjs!.rawPath).toBe('/enc/1/2');
    expect(things!.url).toBe('/things?kind=a');
    expect(things!.headers['x-trace']).toBe('t');
  });

  test('a header parameter with CR or LF is refused before sending', async () => {
    server.requests.length = 0;
    const script = `
      const docs = await import(${JSON.stringify(path.join(dirs['docs.yaml']!, 'dist/esm/index.js'))});
      const d = new docs.default({ baseURL: process.env.BASE, maxRetries: 0 });
      const err = await d.listThings({ 'x-trace': 'a\\r\\nx-injected: 1' }).catch((e) => e);
      console.log(JSON.stringify({ name: err?.name, message: err?.message, sdk: err instanceof docs.SDKError }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, BASE: server.url } });
    const out = JSON.parse(stdout.trim());
    expect(out.sdk).toBe(true);
    expect(out.message).toContain('"x-trace"');
    expect(server.requests).toHaveLength(0);
  });
});
