import { LineDecoder } from './line-decoder.js';

/** The lines of `chunks`, fed in order, then `end()`. */
function lines(chunks: (string | Uint8Array)[]): string[] {
  const out: string[] = [];
  const decoder = new LineDecoder({ line: (text, start, end) => out.push(text.slice(start, end)) });
  for (const chunk of chunks) decoder.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  decoder.end();
  return out;
}

/** Every split of `bytes` into two or three chunks. */
function* splits(bytes: Uint8Array): Generator<Uint8Array[]> {
  for (let i = 0; i <= bytes.length; i++) {
    for (let j = i; j <= bytes.length; j++) yield [bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)];
  }
}

test('LF, CR and CRLF each end a line; empty lines are kept', () => {
  expect(lines(['a\nb\rc\r\nd\n'])).toEqual(['a', 'b', 'c', 'd']);
  expect(lines(['\n\r\n\r'])).toEqual(['', '', '']);
  expect(lines(['a\n\nb\r\rc\r\n\r\nd\n'])).toEqual(['a', '', 'b', '', 'c', '', 'd']);
  // LF CR is two line ends, CR LF one.
  expect(lines(['a\n\rb\n'])).toEqual(['a', '', 'b']);
});

test('a CR at the end of a chunk and a LF at the start of the next are one line end', () => {
  expect(lines(['a\r', '\nb\n'])).toEqual(['a', 'b']);
  expect(lines(['a\r', '\n', 'b\r', '\r\n'])).toEqual(['a', 'b', '']);
  // ... but a CR that ends a chunk with no LF after it ends the line at once.
  expect(lines(['a\r', 'b\n'])).toEqual(['a', 'b']);
});

test('a final line without a line end is delivered at the end; a final CR is a line end', () => {
  expect(lines(['a\nlast'])).toEqual(['a', 'last']);
  expect(lines(['a\nla', 'st'])).toEqual(['a', 'last']);
  expect(lines(['a\r'])).toEqual(['a']);
  expect(lines([])).toEqual([]);
  expect(lines([''])).toEqual([]);
});

test('multi-byte UTF-8 characters split across chunks are decoded whole, for every split', () => {
  const text = 'é\r\n東京 🎉\rx🎉\n\n€';
  const expected = ['é', '東京 🎉', 'x🎉', '', '€'];
  const bytes = Buffer.from(text, 'utf8');
  for (const chunks of splits(bytes)) expect(lines(chunks)).toEqual(expected);
  // One byte at a time.
  expect(lines([...bytes].map((b) => new Uint8Array([b])))).toEqual(expected);
});

test('a leading byte order mark is dropped, one elsewhere is kept; a truncated final character is U+FFFD', () => {
  expect(lines(['\ufeffa\n\ufeffb'])).toEqual(['a', '\ufeffb']);
  const bom = Buffer.from('\ufeffa\n', 'utf8');
  expect(lines([bom.subarray(0, 1), bom.subarray(1, 2), bom.subarray(2)])).toEqual(['a']);
  expect(lines([Buffer.from('ok\n'), Buffer.from('🎉', 'utf8').subarray(0, 2)])).toEqual(['ok', '\ufffd']);
});

test('large chunks (the lastIndexOf path) and a line longer than the kept buffer', () => {
  const many = Array.from({ length: 500 }, (_, i) => `line ${i} é`);
  const big = Buffer.from(many.join('\r\n') + '\r\n', 'utf8');
  expect(lines([big.subarray(0, 3001), big.subarray(3001)])).toEqual(many);
  const long = 'x'.repeat(5000) + '東';
  const bytes = Buffer.from(`${long}\nend\n`, 'utf8');
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
  expect(lines(chunks)).toEqual([long, 'end']);
});

test('lines are handed over as ranges of the decoded text', () => {
  const ranges: [string, number, number][] = [];
  const decoder = new LineDecoder({ line: (text, start, end) => ranges.push([text, start, end]) });
  decoder.push(Buffer.from('ab\ncd\n'));
  decoder.end();
  expect(ranges).toEqual([
    ['ab\ncd\n', 0, 2],
    ['ab\ncd\n', 3, 5],
  ]);
});
