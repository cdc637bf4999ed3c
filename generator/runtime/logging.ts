/**
 * Logging: the `logLevel` and `logger` client options (and the `<PREFIX>_LOG` environment variable). At `info`, a
 * line per request (method, URL, status, duration, request id); at `debug`, headers and each retry decision. What
 * could carry a credential is never logged: `authorization`, `proxy-authorization`, `cookie` and `set-cookie`,
 * and every header and query parameter of the API's security schemes, are shown as `***`.
 */
import type { AuthSchemes } from './auth.js';
import { readEnv } from './util.js';

export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** Where lines go: `console`, or anything with its four methods. */
export interface Logger {
  error(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  debug(message: string, ...rest: unknown[]): void;
}

const LEVELS: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie'];

export const REDACTED = '***';

/** The client's log: lines at or above its level go to its logger, with credentials redacted. */
export class Log {
  readonly level: LogLevel;
  readonly #secretHeaders: Set<string>;
  /** Hides the API keys sent in the query (`KeyPlacement.hidden`); absent when none is. */
  readonly #hiddenURL: ((url: string) => string) | undefined;

  constructor(
    level: LogLevel | undefined,
    readonly logger: Logger,
    envPrefix: string,
    schemes: AuthSchemes,
  ) {
    const fromEnv = readEnv(`${envPrefix}_LOG`);
    const chosen = level ?? fromEnv ?? 'warn';
    this.level = Object.hasOwn(LEVELS, chosen) ? (chosen as LogLevel) : 'warn';
    const keys = Object.values(schemes).flatMap((s) => (s.kind === 'apiKey' ? [s] : []));
    // every API-key scheme names the same placement module, which knows what to hide
    const hidden = keys[0]?.placement.hidden(keys);
    this.#secretHeaders = new Set([...SECRET_HEADERS, ...(hidden?.headers ?? [])]);
    this.#hiddenURL = hidden?.url;
    if (this.level !== chosen) {
      this.warn(
        `${level === undefined ? `${envPrefix}_LOG` : 'logLevel'} is ${JSON.stringify(chosen)}, which is not a log level (off, error, warn, info, debug): logging at warn.`,
      );
    }
  }

  enabled(level: Exclude<LogLevel, 'off'>): boolean {
    return LEVELS[this.level] >= LEVELS[level];
  }

  error(message: string): void {
    if (this.enabled('error')) this.logger.error(`[sdkforge] ${message}`);
  }

  warn(message: string): void {
    if (this.enabled('warn')) this.logger.warn(`[sdkforge] ${message}`);
  }

  info(message: string): void {
    if (this.enabled('info')) this.logger.info(`[sdkforge] ${message}`);
  }

  debug(message: string, details?: Record<string, unknown>): void {
    if (this.enabled('debug')) {
      if (details) this.logger.debug(`[sdkforge] ${message}`, details);
      else this.logger.debug(`[sdkforge] ${message}`);
    }
  }

  /** `url` with the value of every query parameter a security scheme sends replaced by `***`. */
  url(url: string): string {
    return this.#hiddenURL ? this.#hiddenURL(url) : url;
  }

  /** The headers as an object, credentials replaced by `***`. */
  headers(headers: Headers): Record<string, string> {
    const out: Record<string, string> = {};
    headers.forEach((value, name) => {
      out[name] = this.#secretHeaders.has(name.toLowerCase()) ? REDACTED : value;
    });
    return out;
  }
}
