// The committed generated package type-checks strictly, a consumer calling every method compiles, and wrong
// calls do not.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers/paths.js';
import { listTsFiles, typecheck } from './helpers/typecheck.js';

const fixture = (name: string) => path.join(ROOT, 'test/fixtures/consumer', name);

test('generated/ passes tsc --strict with 0 errors', () => {
  const errors = typecheck(listTsFiles(path.join(ROOT, 'generated/src')));
  expect(errors).toEqual([]);
});

test('generated/ also passes with the strictest extra flags', () => {
  const errors = typecheck(listTsFiles(path.join(ROOT, 'generated/src')), {
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
    noPropertyAccessFromIndexSignature: false,
  });
  expect(errors).toEqual([]);
});

test('a consumer calling every method with the expected shapes compiles', () => {
  expect(typecheck([fixture('calls-every-method.ts')])).toEqual([]);
});

test('wrong calls fail to type-check, each on its own line', () => {
  const file = fixture('wrong-calls.ts');
  const lines = readFileSync(file, 'utf8').split('\n');
  const expected = lines.flatMap((l, i) => (l.includes('// expect-error') ? [i + 1] : []));
  expect(expected.length).toBeGreaterThanOrEqual(10);
  const errors = typecheck([file]);
  const errorLines = [...new Set(errors.map((e) => e.line))].sort((a, b) => a - b);
  expect(errors.every((e) => e.file.endsWith('wrong-calls.ts'))).toBe(true);
  expect(errorLines).toEqual(expected);
});
