// readEnv: trimmed values, blanks as unset, and an environment that refuses to be read (Deno without
// `--allow-env` throws on `process.env.X`) taken as unset, so that a client given its options still constructs.
import { TEST_DEFAULTS } from '../../test/helpers/core-client.js';
import { json, startServer } from '../../test/helpers/server.js';
import { ClientCore } from './core.js';
import { readEnv } from './util.js';

/** Runs `fn` with `process.env` replaced by `env`, then puts the real one back. */
async function withEnv<T>(env: Record<string, string | undefined>, fn: () => T | Promise<T>): Promise<T> {
  const real = process.env;
  process.env = env;
  try {
    return await fn();
  } finally {
    process.env = real;
  }
}

/** `process.env` as Deno gives it to a program run without `--allow-env`: every read throws. */
const refusing = new Proxy({} as Record<string, string | undefined>, {
  get(_target, name) {
    throw Object.assign(new Error(`Requires env access to "${String(name)}", run again with the --allow-env flag`), { name: 'NotCapable' });
  },
});

test('a set variable is trimmed; unset or blank is undefined', async () => {
  await withEnv({ A: '  value ', B: '   ' }, () => {
    expect(readEnv('A')).toBe('value');
    expect(readEnv('B')).toBeUndefined();
    expect(readEnv('C')).toBeUndefined();
  });
});

test('an environment whose reads throw counts as having no variables', async () => {
  await withEnv(refusing, () => {
    expect(() => refusing['X']).toThrow('--allow-env');
    expect(readEnv('SDKFORGE_TEST_LOG')).toBeUndefined();
  });
});

test('there, a client given its API key and base URL constructs and calls the API', async () => {
  const server = await startServer((_req, res) => json(res, 200, { ok: true }));
  try {
    const body = await withEnv(refusing, () => {
      const client = new ClientCore({ apiKey: 'sk-test', baseURL: server.url }, TEST_DEFAULTS);
      return client.request({ method: 'GET', path: '/x', security: [['key']] });
    });
    expect(body).toEqual({ ok: true });
    expect(server.requests[0]?.headers['authorization']).toBe('Bearer sk-test');
  } finally {
    await server.close();
  }
});
