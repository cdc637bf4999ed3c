/**
 * Headless Chromium for the browser tests: Debian's `/usr/bin/chromium` (installed by .ci/run), launched by
 * playwright-core with a throwaway profile. Without it a test is skipped with a warning, except under CI (`CI`
 * set), where it fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
/** Whether the browser tests run: Chromium is there, or CI is set (where its absence is a failure). */
export const RUN_CHROMIUM = HAVE_CHROMIUM || Boolean(process.env['CI']);

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `/usr/bin/chromium --version`'s number (`156.0.8078.114`); undefined without Chromium. */
export function chromiumVersion(): string | undefined {
  if (!HAVE_CHROMIUM) return undefined;
  const out = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return /Chromium (\d+(?:\.\d+)+)/.exec(out)?.[1];
}

export interface Chromium {
  context: BrowserContext;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile; throws when it is missing (the CI case). */
export async function launchChromium(): Promise<Chromium> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing and CI is set: .ci/run must install Debian's chromium`);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
