// The structure printer against ts-morph, the printer it replaced: every file the emitters print for real specs
// (both layouts) is printed by both, and prettier makes the two texts one. Also the separation rules on their own.
import path from 'node:path';
import { Project, StructureKind as TsKind, type StatementStructures as TsStatements } from 'ts-morph';
import { formatOne } from '../format.js';
import { generate } from '../index.js';
import { printing } from './source-file.js';
import { printStatements, StructureKind, type StatementStructures } from './structures.js';
import { HAVE_SHARED, OFFICIAL_SPEC, ROOT, SHARED } from '../../test/helpers/paths.js';

const KINDS: Record<string, TsKind> = {
  [StructureKind.ExportDeclaration]: TsKind.ExportDeclaration,
  [StructureKind.Function]: TsKind.Function,
  [StructureKind.ImportDeclaration]: TsKind.ImportDeclaration,
  [StructureKind.Interface]: TsKind.Interface,
  [StructureKind.JSDoc]: TsKind.JSDoc,
  [StructureKind.JSDocTag]: TsKind.JSDocTag,
  [StructureKind.Parameter]: TsKind.Parameter,
  [StructureKind.PropertySignature]: TsKind.PropertySignature,
  [StructureKind.TypeAlias]: TsKind.TypeAlias,
  [StructureKind.VariableStatement]: TsKind.VariableStatement,
};

/** The same structures with ts-morph's kinds. */
function toTsMorph(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toTsMorph);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'kind' ? KINDS[v as string] : toTsMorph(v)]));
}

const project = new Project({ useInMemoryFileSystem: true, skipFileDependencyResolution: true });
function tsMorphText(statements: StatementStructures[]): string {
  const file = project.createSourceFile('f.ts', { statements: toTsMorph(statements) as TsStatements[] }, { overwrite: true });
  const text = file.getFullText();
  project.removeSourceFile(file);
  return text;
}

async function samePrinted(spec: string, split: 'none' | 'resource'): Promise<number> {
  const seen: StatementStructures[][] = [];
  printing.observe = (_name, statements) => seen.push(statements);
  try {
    await generate({ spec, write: false, format: false, split });
  } finally {
    printing.observe = undefined;
  }
  for (const statements of seen) {
    const ours = await formatOne('f.ts', printStatements(statements));
    expect(ours).toBe(await formatOne('f.ts', tsMorphText(statements)));
  }
  return seen.length;
}

test('spec/openai.yaml: every file prints as ts-morph prints it, in both layouts', async () => {
  // the operations, resource and client modules and the barrels are printed in prettier's layout instead
  // (code-layout.ts): index.ts, defaults.ts, webhooks.ts and the units' index.ts remain
  expect(await samePrinted(path.join(ROOT, 'spec/openai.yaml'), 'none')).toBeGreaterThanOrEqual(3);
  expect(await samePrinted(path.join(ROOT, 'spec/openai.yaml'), 'resource')).toBeGreaterThanOrEqual(6);
}, 60_000);

const REAL = ['corpus-more/scalar-galaxy-3.2/3.2.yaml', 'corpus/twilio-api-v2010/twilio_api_v2010.json', 'corpus-more/ollama/openapi.yaml', 'corpus/box/openapi.json'];
(HAVE_SHARED ? test : test.skip)('the official spec and real ones with other schemes, bodies and streams print as ts-morph prints them', async () => {
  await samePrinted(OFFICIAL_SPEC, 'none');
  for (const spec of REAL) await samePrinted(path.join(SHARED, spec), 'resource');
}, 240_000);

test('statements are separated as ts-morph separates them: a blank line after a block, before functions, classes and interfaces', () => {
  const text = printStatements([
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './a.js', namedImports: ['a'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './b.js', namespaceImport: 'b', isTypeOnly: true },
    { kind: StructureKind.TypeAlias, name: 'T', type: '{\n  x: 1;\n}', docs: [{ description: 'T.' }] },
    { kind: StructureKind.TypeAlias, name: 'U', type: 'T', isExported: true },
    { kind: StructureKind.Function, name: 'f', isExported: true, parameters: [{ name: 'x', type: 'T', hasQuestionToken: true }], returnType: 'void', statements: 'return;', overloads: [{ parameters: [], returnType: 'void', docs: [{ description: 'one\n\ntwo', tags: [{ tagName: 'deprecated' }] }] }] },
    { kind: StructureKind.VariableStatement, declarationKind: 'const', declarations: [{ name: 'v', initializer: '1' }] },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: './c.js', namedExports: ['c', { name: 'd', alias: 'default' }] },
  ]);
  expect(text).toBe(
    [
      'import { a } from "./a.js";',
      'import type * as b from "./b.js";',
      '/** T. */',
      'type T = {',
      '  x: 1;',
      '};',
      'export type U = T;',
      '',
      '/**',
      ' * one',
      ' *',
      ' * two',
      ' * @deprecated',
      ' */',
      'export function f(): void;',
      'export function f(x?: T): void {',
      '    return;',
      '}',
      '',
      'const v = 1;',
      'export { c, d as default } from "./c.js";',
      '',
    ].join('\n'),
  );
});
