import { buildQuery } from './query.js';
import { paramStyles } from './query-styles.js';

describe('buildQuery', () => {
  test('form, exploded by default; undefined and null left out', () => {
    expect(buildQuery({ limit: 10, after: 'a b', skip: undefined, none: null, tags: ['x', null, 'y'] })).toBe('limit=10&after=a%20b&tags=x&tags=y');
    expect(buildQuery({ filter: { a: 1, b: 'c d', c: undefined } })).toBe('a=1&b=c%20d');
  });

  test('a parameter named like an Object.prototype member is written like any other', () => {
    expect(buildQuery({ constructor: 'x', toString: ['a', 'b'] }, paramStyles({ other: { style: 'pipeDelimited' } }))).toBe('constructor=x&toString=a&toString=b');
  });

  test('dates as ISO strings', () => {
    expect(buildQuery({ since: new Date(Date.UTC(2024, 0, 2)) })).toBe('since=2024-01-02T00%3A00%3A00.000Z');
  });
});

describe('paramStyles (query-styles.ts)', () => {
  test('form without explode joins with commas', () => {
    expect(buildQuery({ ids: [1, 2, 3] }, paramStyles({ ids: { style: 'form', explode: false } }))).toBe('ids=1,2,3');
    expect(buildQuery({ obj: { a: 1, b: 'c' } }, paramStyles({ obj: { style: 'form', explode: false } }))).toBe('obj=a,1,b,c');
  });

  test('deepObject writes key[sub]=value, nested', () => {
    const qs = buildQuery({ metadata: { key1: 'value1', 'k&2': 'v=2', nested: { a: 1 } } }, paramStyles({ metadata: { style: 'deepObject' } }));
    expect(qs).toBe('metadata[key1]=value1&metadata[k%262]=v%3D2&metadata[nested][a]=1');
    const parsed = new URLSearchParams(qs);
    expect(parsed.get('metadata[k&2]')).toBe('v=2');
  });

  test('pipe and space delimited arrays; exploded, they are form', () => {
    expect(buildQuery({ a: ['x', 'y'] }, paramStyles({ a: { style: 'pipeDelimited' } }))).toBe('a=x|y');
    expect(buildQuery({ a: ['x', 'y'] }, paramStyles({ a: { style: 'spaceDelimited' } }))).toBe('a=x%20y');
    expect(buildQuery({ a: ['x', 'y'] }, paramStyles({ a: { style: 'pipeDelimited', explode: true } }))).toBe('a=x&a=y');
  });

  test('only the parameters named are styled', () => {
    expect(buildQuery({ a: ['x', 'y'], b: ['x', 'y'] }, paramStyles({ a: { style: 'form', explode: false } }))).toBe('a=x,y&b=x&b=y');
  });
});
