/** Reading async iterables (streams) in tests: every item, or the error one throws and the items before it. */
export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

/** Iterates `stream`, which must throw; returns what it threw and the items seen before. */
export async function failure<T>(stream: AsyncIterable<T>): Promise<{ error: unknown; items: T[] }> {
  const items: T[] = [];
  try {
    for await (const item of stream) items.push(item);
  } catch (error) {
    return { error, items };
  }
  throw new Error(`expected the stream to fail; it gave ${JSON.stringify(items)}`);
}
