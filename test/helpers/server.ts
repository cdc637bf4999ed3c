/**
 * A real HTTP server on 127.0.0.1 (port 0) for client tests. It records every request and answers through a
 * handler that can misbehave on purpose (statuses, delays, split chunks, dropped connections).
 */
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Raw request target, e.g. `/v1/models?limit=2`. */
  url: string;
  /** Path without the query, still percent-encoded. */
  rawPath: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The body as received. */
  raw: Buffer;
  /** The body decoded as UTF-8. */
  body: string;
  json: unknown;
}

export type Handler = (req: RecordedRequest, res: http.ServerResponse) => unknown;

export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  requests: RecordedRequest[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startServer(initial?: Handler): Promise<TestServer> {
  let handler: Handler = initial ?? ((_req, res) => json(res, 200, {}));
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = raw.toString('utf8');
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      let parsed: unknown;
      try {
        parsed = body ? JSON.parse(body) : undefined;
      } catch {
        parsed = undefined;
      }
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url,
        rawPath: q === -1 ? url : url.slice(0, q),
        query: new URLSearchParams(q === -1 ? '' : url.slice(q + 1)),
        headers: req.headers,
        raw,
        body,
        json: parsed,
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded, res)).catch((err) => {
        res.statusCode = 599;
        res.end(String(err));
      });
    });
  });
  // Idle keep-alive connections stay open for a minute: with Node's default 5 s, a machine under load can close a
  // connection just as the client reuses it, and a test with `maxRetries: 0` fails with "Connection error."
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A server on 127.0.0.1 that accepts connections and never answers (a host that hangs). */
export async function startSilentServer(): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** `http://127.0.0.1:PORT` where nothing listens: connecting is refused. */
export async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
