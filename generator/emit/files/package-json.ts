/** `package.json`, `tsconfig.json`, `tsconfig.cjs.json` and `.gitignore`: the package's own build (templates/). */
import type { PackagePlan } from '../plan.js';
import { render } from '../templates.js';
import { packageData } from './package-data.js';

export function packageFiles(plan: PackagePlan): [string, string][] {
  const data = packageData(plan);
  return [
    ['package.json', render('package.json.hbs', data)],
    ['tsconfig.json', render('tsconfig.json.hbs', data)],
    ['tsconfig.cjs.json', render('tsconfig.cjs.json.hbs', data)],
    ['.gitignore', render('gitignore.hbs', data)],
  ];
}
