// Rewrites README.md's option table and `generate()` key list from generator/options.ts (run `npm run compile`
// first: it reads the compiled table). generator/options.test.ts fails until they agree.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderReadmeOptions } from '../dist/generator/options.js';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const before = readFileSync(readme, 'utf8');
const after = renderReadmeOptions(before);
if (after !== before) writeFileSync(readme, after);
console.log(after === before ? 'README.md: options already up to date' : 'README.md: options updated');
