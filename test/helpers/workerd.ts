/**
 * Cloudflare's workerd serving one ES-module worker on 127.0.0.1, as `wrangler dev` and miniflare run it: a
 * config (Cap'n Proto text) written beside the bundled worker, `workerd serve` on an ephemeral port, which it
 * reports on a control pipe (fd 3, `--control-fd`). The worker's outbound `fetch` goes through a network service
 * named `internet` (the default global outbound) that allows local addresses only: workerd's own default allows
 * public ones only, so without it the worker could not reach a test server on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';

export interface Workerd {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** What workerd printed on stderr so far (its errors and the worker's uncaught exceptions). */
  stderr(): string;
  stop(): Promise<void>;
}

/** Serves `dir/worker.js` (an ES module) with workerd at `bin`; resolves once it listens. */
export async function startWorkerd(bin: string, dir: string, compatibilityDate: string): Promise<Workerd> {
  writeFileSync(
    path.join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "${compatibilityDate}",
);
`,
  );
  const child = spawn(bin, ['serve', 'config.capnp', '--control-fd=3'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };

  const port = await new Promise<number>((resolve, reject) => {
    let control = '';
    const timer = setTimeout(() => fail(new Error('workerd did not listen within 30 s')), 30_000);
    function fail(err: Error) {
      clearTimeout(timer);
      reject(new Error(`${err.message}\nworkerd's stderr:\n${stderr}`));
    }
    (child.stdio[3] as Readable).on('data', (chunk: Buffer) => {
      const lines = (control + chunk.toString()).split('\n');
      control = lines.pop()!; // an unfinished line, kept for the next chunk
      for (const line of lines) {
        const event = line.startsWith('{') ? (JSON.parse(line) as { event?: string; socket?: string; port?: number }) : undefined;
        if (event?.event === 'listen' && event.socket === 'http' && event.port) {
          clearTimeout(timer);
          resolve(event.port);
        }
      }
    });
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`workerd exited (${signal ?? code}) before listening`)));
  }).catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  return { url: `http://127.0.0.1:${port}`, stderr: () => stderr, stop };
}
