import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS, RateLimitConfigError, readRateLimits } from './rate-limits';

describe('rate limits', () => {
  it('are the defaults unless set, and take whole numbers', () => {
    expect(readRateLimits({})).toEqual(DEFAULT_RATE_LIMITS);
    expect(readRateLimits({ SUBMIT_LIMIT_PER_HOUR: '0', TRACK_FAILURES_PER_CLIENT: '500', SIGN_IN_FAILURES_PER_CLIENT: '10', FEEDBACK_LIMIT_PER_HOUR: '0' })).toEqual({
      submissionsPerHour: 0,
      trackFailuresPerClient: 500,
      signInFailuresPerClient: 10,
      feedbackPerHour: 0,
    });
  });
  it.each([
    ['SUBMIT_LIMIT_PER_HOUR', '-1'],
    ['SUBMIT_LIMIT_PER_HOUR', '2.5'],
    ['TRACK_FAILURES_PER_CLIENT', '0'],
    ['SIGN_IN_FAILURES_PER_CLIENT', 'lots'],
    ['SIGN_IN_FAILURES_PER_CLIENT', '1e3'],
    ['FEEDBACK_LIMIT_PER_HOUR', '-3'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => readRateLimits({ [name]: value })).toThrow(RateLimitConfigError);
    expect(() => readRateLimits({ [name]: value })).toThrow(name);
  });
});
