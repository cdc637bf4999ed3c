/** `src/defaults.ts`: the spec's client defaults and `createClient()` (see `emit-client.ts`). */
import { defaultsStatements } from '../emit-client.js';
import type { PackagePlan } from '../plan.js';
import { sourceFile } from '../source-file.js';

export function defaultsFile({ ir, ctx, shapes }: PackagePlan): [string, string][] {
  return [['src/defaults.ts', sourceFile('defaults.ts', defaultsStatements(ir, ctx, shapes[0]?.op.name))]];
}
