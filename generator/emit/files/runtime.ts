/** `src/runtime/*`: the runtime modules the plan ships, copied from `generator/runtime/` after the notice. */
import type { PackagePlan } from '../plan.js';
import { HEADER } from '../source-file.js';

export function runtimeFiles({ runtime }: PackagePlan): [string, string][] {
  return runtime.map(([name, text]) => [`src/runtime/${name}`, HEADER + text]);
}
