/** `src/types.ts`: one exported type per component schema, and the `…Writable` variants (see `emit-types.ts`). */
import { PRETTIER_OPTIONS } from '../../format.js';
import type { IRNamedSchema } from '../../ir/types.js';
import { typesSource, type TypesImport } from '../emit-types.js';
import type { PackagePlan } from '../plan.js';
import { HEADER } from '../source-file.js';

/** The layout the types modules are printed in: prettier's, as `format.ts` configures it. */
const LAYOUT = { printWidth: PRETTIER_OPTIONS.printWidth ?? 80, tabWidth: PRETTIER_OPTIONS.tabWidth ?? 2 };

/** A module of component types, in prettier's layout: `src/types.ts`, or one of the split layout's (`layout.ts`). */
export function typesModule(schemas: readonly IRNamedSchema[], writable: ReadonlyMap<string, string>, imports: readonly TypesImport[] = []): string {
  return typesSource(HEADER, schemas, writable, LAYOUT, imports);
}

export function typesFile(plan: PackagePlan): [string, string][] {
  return [['src/types.ts', typesModule(plan.ir.schemas, plan.writable)]];
}
