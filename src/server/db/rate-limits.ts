/**
 * 频率限制 The rate limits a deployment may tune (issue 13 point 8), read from the environment
 * and checked at start (server.mjs): how many applications and reports of a problem one client may send in an hour, and
 * how many wrong tries one client may make on the status page and at the staff sign-in before
 * it waits. A client is its address (behind a trusted proxy, the forwarded one), so a community
 * centre or a residents' committee helping many families from one address may need more. The
 * per-reference and per-account limits are not configurable: they protect one person's data.
 */
export class RateLimitConfigError extends Error {}

export interface RateLimits {
  /** Applications one client may send in an hour (0: no limit). */
  submissionsPerHour: number;
  /** Wrong reference and access code pairs from one client before 15 minutes' wait. */
  trackFailuresPerClient: number;
  /** Failed staff sign-ins from one client before 15 minutes' wait. */
  signInFailuresPerClient: number;
  /** Reports of a problem one client may send in an hour (0: no limit). */
  feedbackPerHour: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { submissionsPerHour: 30, trackFailuresPerClient: 100, signInFailuresPerClient: 50, feedbackPerHour: 10 };

const NAMES: Record<keyof RateLimits, string> = {
  submissionsPerHour: 'SUBMIT_LIMIT_PER_HOUR',
  trackFailuresPerClient: 'TRACK_FAILURES_PER_CLIENT',
  signInFailuresPerClient: 'SIGN_IN_FAILURES_PER_CLIENT',
  feedbackPerHour: 'FEEDBACK_LIMIT_PER_HOUR',
};

export function readRateLimits(env: Record<string, string | undefined>): RateLimits {
  const out = { ...DEFAULT_RATE_LIMITS };
  for (const [field, name] of Object.entries(NAMES) as [keyof RateLimits, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    const least = field === 'submissionsPerHour' || field === 'feedbackPerHour' ? 0 : 1;
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < least || value > 1_000_000)
      throw new RateLimitConfigError(`${name} must be a whole number from ${least} to 1000000 (got ${raw})`);
    out[field] = value;
  }
  return out;
}
