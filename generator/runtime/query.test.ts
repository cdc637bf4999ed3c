import { buildQuery } from './query.js';

describe('buildQuery', () => {
  test('form, exploded by default; undefined and null left out', () => {
    expect(buildQuery({ limit: 10, after: 'a b', skip: undefined, none: null, tags: ['x', 'y'] })).toBe('limit=10&after=a%20b&tags=x&tags=y');
  });

  test('form without explode joins with commas', () => {
    expect(buildQuery({ ids: [1, 2, 3] }, { ids: { style: 'form', explode: false } })).toBe('ids=1,2,3');
    expect(buildQuery({ obj: { a: 1, b: 'c' } }, { obj: { style: 'form', explode: false } })).toBe('obj=a,1,b,c');
  });

  test('deepObject writes key[sub]=value, nested', () => {
    const qs = buildQuery({ metadata: { key1: 'value1', 'k&2': 'v=2', nested: { a: 1 } } }, { metadata: { style: 'deepObject' } });
    expect(qs).toBe('metadata[key1]=value1&metadata[k%262]=v%3D2&metadata[nested][a]=1');
    const parsed = new URLSearchParams(qs);
    expect(parsed.get('metadata[k&2]')).toBe('v=2');
  });

  test('pipe and space delimited arrays', () => {
    expect(buildQuery({ a: ['x', 'y'] }, { a: { style: 'pipeDelimited' } })).toBe('a=x|y');
    expect(buildQuery({ a: ['x', 'y'] }, { a: { style: 'spaceDelimited' } })).toBe('a=x%20y');
  });

  test('dates as ISO strings', () => {
    expect(buildQuery({ since: new Date(Date.UTC(2024, 0, 2)) })).toBe('since=2024-01-02T00%3A00%3A00.000Z');
  });
});
