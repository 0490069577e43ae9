import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from './format';

describe('formats', () => {
  it.each([
    [512, 'en', '512 B'],
    [65576, 'en', '64 KB'],
    [1572864, 'zh-CN', '1.5 MB'],
  ] as const)('%i bytes in %s → %s', (bytes, lang, expected) => expect(formatBytes(bytes, lang)).toBe(expected));

  it.each([
    [4, 'zh-CN', '4秒'],
    [75, 'zh-CN', '1分15秒'],
    [60, 'zh-CN', '1分'],
    [1, 'en', '1 second'],
    [75, 'en', '1 minute 15 seconds'],
    [120, 'en', '2 minutes'],
  ] as const)('%i s in %s → %s', (s, lang, expected) => expect(formatDuration(s, lang)).toBe(expected));
});
