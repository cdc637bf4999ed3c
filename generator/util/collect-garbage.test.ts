import { collectGarbage } from './collect-garbage.js';

test('a full collection runs without a flag, and frees what nothing holds', async () => {
  const held = new WeakRef({ big: new Array(1_000_000).fill(1) });
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  expect(held.deref()).toBeUndefined();
  expect(() => collectGarbage()).not.toThrow();
});
