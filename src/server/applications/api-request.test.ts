import { describe, expect, it } from 'vitest';
import { noticeLanguageOf } from './api-request';

describe('the language of an application sent through the API', () => {
  it.each([
    [null, 'zh'],
    ['', 'zh'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['en-GB,en;q=0.9,zh;q=0.5', 'en'],
    ['zh;q=0.4, en;q=0.6', 'en'],
    ['fr-FR, en;q=0.5', 'en'],
    ['fr, de', 'zh'],
    ['en;q=0, zh;q=0.1', 'zh'],
    ['english', 'zh'],
    ['en;q=abc', 'zh'],
  ])('%s → %s', (header, lang) => {
    expect(noticeLanguageOf(header)).toBe(lang);
  });
});
