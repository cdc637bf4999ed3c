import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseText } from '../load/parse-text.js';
import { HAVE_SHARED, OFFICIAL_SPEC, ROOT } from '../../test/helpers/paths.js';
import { hashJSON } from './hash-json.js';

const sha = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

test("the hash of JSON.stringify's text, for every kind of value it writes or leaves out", () => {
  const values: unknown[] = [
    {},
    [],
    { a: 1, b: 'x"\n\u2028é', c: [1, null, undefined, () => 0, Symbol('s')], d: undefined, e: () => 0, 10: 'ten', 2: 'two' },
    { when: new Date(0), big: 1e21, small: 1e-7, neg: -0, nan: NaN, inf: -Infinity, t: true, f: false },
    { custom: { toJSON: (key: string) => `key ${key}` }, boxed: [new Number(3), new String('s'), new Boolean(false)] },
    'x'.repeat(200_000),
    [{ deep: [[[{ deeper: 'y'.repeat(70_000) }]]] }],
  ];
  for (const value of values) expect(hashJSON(value)).toBe(sha(value));
});

test('the hash of real documents', () => {
  const docs = [parseText(readFileSync(path.join(ROOT, 'spec/openai.yaml'), 'utf8'), 'spec/openai.yaml')];
  if (HAVE_SHARED) docs.push(parseText(readFileSync(OFFICIAL_SPEC, 'utf8'), OFFICIAL_SPEC));
  for (const doc of docs) expect(hashJSON(doc)).toBe(sha(doc));
});
