import { parseLinkHeader } from './link-header.js';

const targets = (value: string, rel: string) =>
  parseLinkHeader(value)
    .filter((l) => l.rel.includes(rel))
    .map((l) => l.target);

test('several links, each with its target, rel list and parameters', () => {
  const value =
    '<https://api.github.com/repos/o/r/issues?page=2>; rel="next", <https://api.github.com/repos/o/r/issues?page=5>; rel="last"';
  expect(parseLinkHeader(value)).toEqual([
    { target: 'https://api.github.com/repos/o/r/issues?page=2', rel: ['next'], params: { rel: 'next' } },
    { target: 'https://api.github.com/repos/o/r/issues?page=5', rel: ['last'], params: { rel: 'last' } },
  ]);
});

test('rel is a space-separated list, compared without case; parameter names are case-insensitive', () => {
  expect(parseLinkHeader('<a>; REL="Prev  NEXT"')).toEqual([{ target: 'a', rel: ['prev', 'next'], params: { rel: 'Prev  NEXT' } }]);
  expect(targets('<a>; Rel=next', 'next')).toEqual(['a']);
  expect(targets('<a>;rel=next;title=x', 'next')).toEqual(['a']);
});

test('quoted and token values; escapes in quoted strings; a parameter without a value', () => {
  expect(parseLinkHeader('<a>; title="say \\"hi\\"; now"; rel=next; crossorigin')).toEqual([
    { target: 'a', rel: ['next'], params: { title: 'say "hi"; now', rel: 'next', crossorigin: '' } },
  ]);
});

test('commas inside <…> and inside quoted strings do not split links', () => {
  const value = '</search?q=a,b&page=2>; title="one, two"; rel="next", </search?q=a,b&page=1>; rel="prev"';
  expect(targets(value, 'next')).toEqual(['/search?q=a,b&page=2']);
  expect(targets(value, 'prev')).toEqual(['/search?q=a,b&page=1']);
});

test('only the first rel counts (RFC 8288 §3.3); whitespace and empty list elements are allowed', () => {
  expect(targets('<a>; rel=prev; rel=next', 'next')).toEqual([]);
  expect(targets(' ,  <a> ; rel = "next" ,, <b>; rel=last ', 'next')).toEqual(['a']);
});

test('malformed links are skipped and the others still read', () => {
  expect(targets('garbage, <a>; rel=next', 'next')).toEqual(['a']);
  expect(targets('<b> junk; rel=next, <a>; rel=next', 'next')).toEqual(['a']);
  expect(targets('<unclosed; rel=next', 'next')).toEqual([]);
  expect(parseLinkHeader('')).toEqual([]);
  expect(targets('<a>', 'next')).toEqual([]);
});
