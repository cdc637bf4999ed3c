/** Starts bench/server.js as a child process and returns its base URL and a stop function. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { DIST_BENCH } from './util.js';

export interface ServerProcess {
  url: string;
  stop(): Promise<void>;
}

export function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(DIST_BENCH, 'server.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.on('error', reject);
    child.stdout.once('data', (d: Buffer) => {
      const port = Number(d.toString().trim());
      resolve({
        url: `http://127.0.0.1:${port}/v1`,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
