/** Renders a handlebars template of `templates/` (written so that its output is already in prettier's form). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { PACKAGE_ROOT } from '../package-root.js';

const TEMPLATES_DIR = path.join(PACKAGE_ROOT, 'templates');

export function render(template: string, data: object): string {
  const source = readFileSync(path.join(TEMPLATES_DIR, template), 'utf8');
  const hb = Handlebars.create();
  hb.registerHelper('json', (v: unknown) => JSON.stringify(v));
  return hb.compile(source, { noEscape: true, strict: false })(data);
}
