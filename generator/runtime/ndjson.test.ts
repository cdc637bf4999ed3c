import { SDKError } from './errors.js';
import { NDJSONItemSource } from './ndjson.js';

/** The items of `chunks` fed in order, then the end of the body. */
function items(chunks: string[]): unknown[] {
  const source = new NDJSONItemSource<unknown>();
  const out: unknown[] = [];
  const drain = () => {
    for (let r = source.take(); r !== undefined && !r.done; r = source.take()) out.push(r.value);
  };
  for (const chunk of chunks) {
    source.push(Buffer.from(chunk, 'utf8'));
    drain();
  }
  source.end();
  drain();
  expect(source.status).toBe('ended');
  return out;
}

test('one JSON value per line, whatever the line end; blank lines and surrounding spaces skipped', () => {
  expect(items(['{"a":1}\n[2]\r\n"three"\r4\n\n  \t\n null \n{"b":"x\\ny"}'])).toEqual([{ a: 1 }, [2], 'three', 4, null, { b: 'x\ny' }]);
});

test('values split across chunks anywhere, inside multi-byte characters too', () => {
  const text = '{"t":"東京 🎉"}\r\n{"n":2}\n';
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i <= bytes.length; i++) {
    const source = new NDJSONItemSource<unknown>();
    source.push(bytes.subarray(0, i));
    source.push(bytes.subarray(i));
    source.end();
    const out: unknown[] = [];
    for (let r = source.take(); r !== undefined && !r.done; r = source.take()) out.push(r.value);
    expect(out).toEqual([{ t: '東京 🎉' }, { n: 2 }]);
  }
});

test('a line that is not JSON throws an SDKError quoting it', () => {
  expect(() => items(['{"a":1}\n{oops}\n'])).toThrow(SDKError);
  expect(() => items(['{oops}\n'])).toThrow('Could not parse the stream line as JSON: "{oops}"');
});
