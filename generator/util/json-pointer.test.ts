import { escapePointerToken, followPointer, parsePointer, pointerOf, resolvePointer, walkDocument } from './json-pointer.js';

test('escaping and parsing are inverses, for tokens with ~ and / and for the empty token', () => {
  expect(escapePointerToken('a/b~c')).toBe('a~1b~0c');
  // `~01` is an escaped `~` followed by `1`, not an escaped `/`
  expect(escapePointerToken('~1')).toBe('~01');
  const tokens = ['paths', '/pets/{id}', '~1', '', 'application/json', '0'];
  expect(pointerOf(tokens)).toBe('#/paths/~1pets~1{id}/~01//application~1json/0');
  expect(parsePointer(pointerOf(tokens))).toEqual(tokens);
  expect(pointerOf([])).toBe('#');
  expect(pointerOf(['items', 3])).toBe('#/items/3');
});

test('parsing accepts the fragment and plain forms and percent-encoding, and rejects bad percent-encoding', () => {
  expect(parsePointer('#')).toEqual([]);
  expect(parsePointer('')).toEqual([]);
  expect(parsePointer('#/')).toEqual(['']);
  expect(parsePointer('/a/b')).toEqual(['a', 'b']);
  expect(parsePointer('#/components/schemas/Pet%20Shop')).toEqual(['components', 'schemas', 'Pet Shop']);
  expect(() => parsePointer('#/a%zz')).toThrow(URIError);
});

test('resolving follows own members only; a missing member, or one below a scalar, is undefined', () => {
  const doc = { components: { schemas: { 'a/b': { type: 'string' }, Nil: null } }, list: [10, 20] };
  expect(resolvePointer(doc, '#/components/schemas/a~1b')).toEqual({ type: 'string' });
  expect(resolvePointer(doc, ['components', 'schemas', 'a/b', 'type'])).toBe('string');
  expect(resolvePointer(doc, '#/list/1')).toBe(20);
  expect(resolvePointer(doc, '#')).toBe(doc);
  expect(resolvePointer(doc, '#/components/schemas/Nil')).toBeNull();
  expect(resolvePointer(doc, '#/components/schemas/Nil/type')).toBeUndefined();
  expect(resolvePointer(doc, '#/components/schemas/a~1b/type/length')).toBeUndefined();
  expect(resolvePointer(doc, '#/components/missing')).toBeUndefined();
  expect(resolvePointer(doc, '#/components/constructor')).toBeUndefined();
  expect(resolvePointer(doc, '#/list/__proto__')).toBeUndefined();
});

test('following says how far a pointer gets', () => {
  const doc = { a: { b: { c: 1 } } };
  expect(followPointer(doc, ['a', 'b', 'c'])).toEqual({ value: 1, depth: 3 });
  expect(followPointer(doc, ['a', 'x', 'c'])).toEqual({ value: { b: { c: 1 } }, depth: 1 });
  expect(followPointer(doc, [])).toEqual({ value: doc, depth: 0 });
});

test('walking visits every object and array, parents first, in document order, with where each is', () => {
  const doc = { b: { x: 1, y: [{ z: true }, 'text', null] }, a: [], '/k': {} };
  const seen: string[] = [];
  expect(walkDocument(doc, (_node, tokens) => void seen.push(pointerOf(tokens)))).toBe(true);
  expect(seen).toEqual(['#', '#/b', '#/b/y', '#/b/y/0', '#/a', '#/~1k']);
});

test('a visitor can leave a node out or stop the walk; a node mutated before its members are read is walked as changed', () => {
  const doc: Record<string, unknown> = { skip: { inner: {} }, mutate: { gone: {}, kept: {} }, later: { deep: {} } };
  const seen: string[] = [];
  const goOn = walkDocument(doc, (node, tokens) => {
    const at = pointerOf(tokens);
    seen.push(at);
    if (at === '#/skip') return 'skip';
    if (at === '#/mutate') delete (node as Record<string, unknown>).gone;
    if (at === '#/later') return 'stop';
  });
  expect(goOn).toBe(false);
  expect(seen).toEqual(['#', '#/skip', '#/mutate', '#/mutate/kept', '#/later']);
});

test('walking ends on a cyclic document and still visits a node shared by two parents twice', () => {
  const shared = { leaf: {} };
  const cyclic: Record<string, unknown> = { one: shared, two: shared };
  cyclic.self = cyclic;
  const seen: string[] = [];
  walkDocument(cyclic, (_node, tokens) => void seen.push(pointerOf(tokens)));
  expect(seen).toEqual(['#', '#/one', '#/one/leaf', '#/two', '#/two/leaf']);
  // the tokens array is reused: a visitor that keeps it copies it
  const kept: (readonly string[])[] = [];
  walkDocument({ a: { b: {} } }, (_node, tokens) => void kept.push([...tokens]));
  expect(kept).toEqual([[], ['a'], ['a', 'b']]);
});
