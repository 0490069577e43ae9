/**
 * Every limit the portal sets on what a client may send or hold, read once from the
 * environment (README "Limits" names each variable and its default). Used by the production
 * server (`server.mjs`, which runs this file with Node's type stripping: no imports, only
 * erasable TypeScript) and by the pages and API (bundled by Astro).
 */

/** One limit: its environment variable, default and meaning (for the README and start-up errors). */
export interface LimitSpec {
  env: string;
  default: number;
  unit: 'bytes' | 'ms' | 'count' | 'levels';
  description: string;
}

/** The limits, by name. Defaults are chosen for a public form site on slow phones (see README). */
export const LIMIT_SPECS = {
  formBodyBytes: { env: 'FORM_BODY_LIMIT', default: 64 * 1024, unit: 'bytes', description: 'Largest form body (settings, self-check steps); more is 413.' },
  uploadBodyBytes: { env: 'UPLOAD_BODY_LIMIT', default: 21 * 1024 * 1024, unit: 'bytes', description: 'Largest body of an application’s documents page (the files chosen at once); more is 413.' },
  jsonBodyBytes: { env: 'JSON_BODY_LIMIT', default: 16 * 1024, unit: 'bytes', description: 'Largest JSON body (the API); more is 413.' },
  jsonMaxDepth: { env: 'JSON_MAX_DEPTH', default: 8, unit: 'levels', description: 'Deepest nesting of arrays and objects in a JSON body; deeper is 400.' },
  maxProblems: { env: 'MAX_PROBLEMS', default: 20, unit: 'count', description: 'Problems listed in one answer; the rest are counted, not listed.' },
  maxHeaderBytes: { env: 'MAX_HEADER_BYTES', default: 16 * 1024, unit: 'bytes', description: 'Largest request line and headers together; more is 431.' },
  headersTimeoutMs: { env: 'HEADERS_TIMEOUT_MS', default: 10_000, unit: 'ms', description: 'Time a client has to send the request line and headers.' },
  requestTimeoutMs: { env: 'REQUEST_TIMEOUT_MS', default: 30_000, unit: 'ms', description: 'Time a client has to send the whole request, body included.' },
  uploadTimeoutMs: { env: 'UPLOAD_TIMEOUT_MS', default: 600_000, unit: 'ms', description: 'Time a client has to send an application’s documents page (files over a slow network).' },
  keepAliveTimeoutMs: { env: 'KEEP_ALIVE_TIMEOUT_MS', default: 5_000, unit: 'ms', description: 'How long an idle kept-alive connection stays open.' },
  maxConnections: { env: 'MAX_CONNECTIONS', default: 2_000, unit: 'count', description: 'Open connections per worker; more are refused at once.' },
  shutdownGraceMs: { env: 'SHUTDOWN_GRACE_MS', default: 10_000, unit: 'ms', description: 'On SIGTERM, how long requests in flight may take to finish.' },
} as const satisfies Record<string, LimitSpec>;

export type LimitName = keyof typeof LIMIT_SPECS;
export type Limits = Record<LimitName, number>;

/** Raised at start-up when a limit's variable is not a whole number above zero. */
export class LimitConfigError extends Error {
  override name = 'LimitConfigError';
}

/** The limits for an environment: each variable if set (a whole number above zero), else its default. */
export function readLimits(env: Record<string, string | undefined>): Limits {
  const limits = {} as Limits;
  for (const [name, spec] of Object.entries(LIMIT_SPECS) as [LimitName, LimitSpec][]) {
    const raw = env[spec.env];
    if (raw === undefined || raw.trim() === '') {
      limits[name] = spec.default;
      continue;
    }
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new LimitConfigError(`${spec.env} must be a whole number above zero (${spec.unit}); it is "${raw}". Default: ${spec.default}.`);
    }
    limits[name] = value;
  }
  return limits;
}

/** The limits of this process, read once. */
export const limits: Limits = readLimits(typeof process === 'undefined' ? {} : process.env);
