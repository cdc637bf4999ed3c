import { groupPlaces, groupRepeated, type Diagnostic } from './diagnostics.js';

const warning = (message: string, pointer?: string, extra: Partial<Diagnostic> = {}): Diagnostic => ({ severity: 'warning', code: 'w', message, ...(pointer ? { pointer } : {}), ...extra });

test('repeated warnings become one at the first place, naming how many more and two of them; errors are never merged', () => {
  const grouped = groupRepeated([
    warning('Same thing.', '#/a'),
    { severity: 'error', code: 'e', message: 'Broken.' },
    warning('Same thing.', '#/b'),
    warning('Other thing.', '#/c'),
    warning('Same thing.', undefined, { file: 'x.yaml', line: 4 }),
    warning('Same thing.', undefined, { file: 'y.yaml' }),
    { severity: 'error', code: 'e', message: 'Broken.' },
  ]);
  expect(grouped.map((d) => `${d.severity} ${d.pointer ?? '-'} ${d.message}`)).toEqual([
    'warning #/a Same thing (+3 more like this, e.g. at #/b, x.yaml:4, …).',
    'error - Broken.',
    'warning #/c Other thing.',
    'error - Broken.',
  ]);
});

test('distinct grouping names each place once and never the first item’s own place', () => {
  const items = [
    { k: 'a', at: '#/1' },
    { k: 'b', at: '#/9' },
    { k: 'a', at: '#/1' },
    { k: 'a', at: '#/2' },
    { k: 'a', at: '#/2' },
  ];
  expect(groupPlaces(items, (i) => i.k, (i) => i.at, { distinct: true })).toEqual([
    { first: items[0], rest: ['#/2'] },
    { first: items[1], rest: [] },
  ]);
  expect(groupPlaces(items, (i) => i.k, (i) => i.at).map((g) => g.rest)).toEqual([['#/1', '#/2', '#/2'], []]);
});
