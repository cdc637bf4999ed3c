/**
 * The split layout's files (see `layout.ts`), in place of the single `src/types.ts`, `src/operations.ts` and
 * `src/resources.ts`: per unit, `src/resources/<unit>/types.ts`, `operations.ts`, `resource.ts` (per resource) and
 * the entry point `index.ts`; `src/shared-types.ts` and `src/other-types.ts`; and `src/types.ts`,
 * `src/operations.ts` and `src/resources.ts` re-exporting every unit, for the package's main entry point.
 */
import { StructureKind, type StatementStructures } from '../structures.js';
import { referencedTypes, type TypesImport } from '../emit-types.js';
import { OTHER_TYPES, SHARED_TYPES, type SplitLayout, type SplitUnit } from '../layout.js';
import type { PackagePlan } from '../plan.js';
import type { IRNamedSchema } from '../../ir/types.js';
import { HEADER, sourceFile } from '../source-file.js';
import { type ImportPaths } from './imports.js';
import { coreExports } from './index.js';
import { operationsSource } from './operations.js';
import { resourcesFile, resourcesSource } from './resources.js';
import { typesModule } from './types.js';

/** The import paths of a file in `src/resources/<dir>/`. */
function unitPaths(split: SplitLayout, dir: string): ImportPaths {
  const here = `resources/${dir}/operations`;
  return {
    runtime: '../../runtime/',
    operations: './operations.js',
    typeModule: (name) => specifier(here, split.homes.get(name) ?? 'types'),
  };
}

/** A types module of the split layout (`module`, from `src/`): its types, importing those declared elsewhere. */
function splitTypes(split: SplitLayout, module: string, schemas: readonly IRNamedSchema[], writable: ReadonlyMap<string, string>): [string, string] {
  const byModule = new Map<string, string[]>();
  for (const name of referencedTypes(schemas, writable)) {
    const home = split.homes.get(name);
    if (home === undefined || home === module) continue;
    byModule.set(home, [...(byModule.get(home) ?? []), name]);
  }
  const imports: TypesImport[] = [...byModule]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([home, names]) => ({ from: specifier(module, home), names: names.sort() }));
  return [`src/${module}.ts`, typesModule(schemas, writable, imports)];
}

/**
 * The specifier of module `home` in module `module` (both from `src/`, without `.js`): `./types.js` beside it,
 * else up to `src/` and down (`../../shared-types.js`, `./resources/chat/types.js`).
 */
function specifier(module: string, home: string): string {
  const dir = module.slice(0, module.lastIndexOf('/') + 1);
  if (dir && home.startsWith(dir)) return `./${home.slice(dir.length)}.js`;
  const depth = dir.split('/').length - 1;
  return `${depth === 0 ? './' : '../'.repeat(depth)}${home}.js`;
}

function unitFiles(plan: PackagePlan, split: SplitLayout, unit: SplitUnit): [string, string][] {
  const base = `src/resources/${unit.dir}`;
  const paths = unitPaths(split, unit.dir);
  const resources = unit.resource === undefined ? [] : plan.resources.filter((r) => r.path[0] === unit.resource);
  const entry: StatementStructures[] = [
    { kind: StructureKind.ExportDeclaration, isTypeOnly: true, moduleSpecifier: './types.js' },
    ...(split.shared.length ? [{ kind: StructureKind.ExportDeclaration, isTypeOnly: true, moduleSpecifier: `../../${SHARED_TYPES}.js` }] : []),
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: './operations.js' },
    ...(resources.length ? [{ kind: StructureKind.ExportDeclaration, moduleSpecifier: './resource.js' }] : []),
    ...coreExports(plan, '../../'),
  ];
  return [
    splitTypes(split, `resources/${unit.dir}/types`, unit.schemas, plan.writable),
    [`${base}/operations.ts`, operationsSource(unit.shapes, paths)],
    ...(resources.length ? [[`${base}/resource.ts`, resourcesSource(resources, unit.shapes, plan.ctx.clientName, paths)] as [string, string]] : []),
    [`${base}/index.ts`, sourceFile('index.ts', entry)],
  ];
}

/** `src/types.ts` in the split layout: every types module re-exported, in prettier's layout. */
/** A re-exporting module of these lines, as prettier prints it (nothing after the notice when there are none). */
function exportLines(lines: string[]): string {
  return HEADER + lines.map((l) => `${l}\n`).join('');
}

function typesBarrel(split: SplitLayout): string {
  const modules = [...(split.shared.length ? [SHARED_TYPES] : []), ...split.units.map((u) => `resources/${u.dir}/types`), ...(split.other.length ? [OTHER_TYPES] : [])];
  return exportLines(modules.map((m) => `export type * from './${m}.js';`));
}

export function splitFiles(plan: PackagePlan): [string, string][] {
  const split = plan.split!;
  /** `src/<file>.ts` re-exporting every unit's `<module>.js`, in prettier's form (as `typesBarrel`). */
  const barrel = (file: string, module: string): [string, string] => [
    `src/${file}.ts`,
    exportLines(split.units.map((u) => `export * from './resources/${u.dir}/${module}.js';`)),
  ];
  const byResource = split.by === 'resource' && plan.resources.length > 0;
  return [
    ['src/types.ts', typesBarrel(split)],
    ...(split.shared.length ? [splitTypes(split, SHARED_TYPES, split.shared, plan.writable)] : []),
    ...(split.other.length ? [splitTypes(split, OTHER_TYPES, split.other, plan.writable)] : []),
    ...split.units.flatMap((unit) => unitFiles(plan, split, unit)),
    barrel('operations', 'operations'),
    ...(byResource ? [barrel('resources', 'resource')] : resourcesFile(plan)),
  ];
}
