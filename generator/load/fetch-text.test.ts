import { closedPortUrl, startServer, startSilentServer } from '../../test/helpers/server.js';
import { FetchError, fetchText, formatDuration, isInternalUrl } from './fetch-text.js';

const reason = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof FetchError ? e.reason : `not a FetchError: ${String(e)}`));

test('reads a body; an HTTP error status, a refused connection and a silent server are reasons a user acts on', async () => {
  const server = await startServer((req, res) => {
    if (req.rawPath === '/ok') {
      res.writeHead(200);
      res.end('text');
    } else if (req.rawPath === '/stall') {
      // headers at once, the body never: the bound covers the body too
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
    } else {
      res.writeHead(404, 'Not Found');
      res.end();
    }
  });
  const silent = await startSilentServer();
  try {
    expect(await fetchText(`${server.url}/ok`, 1000)).toBe('text');
    expect(await reason(fetchText(`${server.url}/missing`, 1000))).toBe('HTTP 404 Not Found');
    expect(await reason(fetchText(await closedPortUrl(), 1000))).toBe('connection refused');
    const started = performance.now();
    expect(await reason(fetchText(`${silent.url}/spec.yaml`, 300))).toBe('no answer within 300 ms');
    expect(await reason(fetchText(`${server.url}/stall`, 300))).toBe('no answer within 300 ms');
    expect(performance.now() - started).toBeLessThan(2000);
    const abort = new AbortController();
    const cancelled = reason(fetchText(`${silent.url}/spec.yaml`, 10_000, abort.signal));
    abort.abort();
    expect(await cancelled).toBe('cancelled');
  } finally {
    await silent.close();
    await server.close();
  }
});

test('formatDuration', () => {
  expect([formatDuration(500), formatDuration(1000), formatDuration(1500), formatDuration(30_000)]).toEqual(['500 ms', '1 s', '1.5 s', '30 s']);
});

test('isInternalUrl: loopback, private, link-local and unique-local addresses', () => {
  for (const url of ['http://localhost/x', 'http://127.0.0.1:8080/', 'http://10.1.2.3/', 'http://172.20.0.1/', 'http://192.168.1.1/', 'http://169.254.169.254/latest', 'http://[::1]/', 'http://[fd00::1]/', 'http://0.0.0.0/']) {
    expect([url, isInternalUrl(url)]).toEqual([url, true]);
  }
  for (const url of ['https://raw.githubusercontent.com/a.md', 'http://172.32.0.1/', 'https://8.8.8.8/', 'https://[2001:db8::1]/']) {
    expect([url, isInternalUrl(url)]).toEqual([url, false]);
  }
});
