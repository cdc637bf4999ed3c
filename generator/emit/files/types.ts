/** `src/types.ts`: one exported type per component schema, and the `…Writable` variants (see `emit-types.ts`). */
import { PRETTIER_OPTIONS } from '../../format.js';
import { typesSource } from '../emit-types.js';
import type { PackagePlan } from '../plan.js';
import { HEADER } from '../source-file.js';

/** The layout `src/types.ts` is printed in: prettier's, as `format.ts` configures it. */
const LAYOUT = { printWidth: PRETTIER_OPTIONS.printWidth ?? 80, tabWidth: PRETTIER_OPTIONS.tabWidth ?? 2 };

export function typesFile(plan: PackagePlan): [string, string][] {
  return [['src/types.ts', typesSource(HEADER, plan.ir.schemas, plan.writable, LAYOUT)]];
}
