import { describe, expect, it } from 'vitest';
import { FEEDBACK_STATUSES, contactKind, mayMoveFeedback, readFeedback, sitePath } from './feedback';

const fields = (o: Record<string, string>) => ({ get: (name: string) => o[name] });

describe('a report of a problem, as the form takes it', () => {
  it('takes the message alone, trimmed, with the page', () => {
    const r = readFeedback(fields({ message: '  按钮看不清 \r\n', page: '/services/' }));
    expect(r.problems).toEqual([]);
    expect(r.input).toEqual({ page: '/services/', message: '按钮看不清' });
  });
  it('asks for the message, and for a shorter one', () => {
    expect(readFeedback(fields({ message: '  ' })).problems).toEqual([{ field: 'message', code: 'empty' }]);
    expect(readFeedback(fields({})).problems).toEqual([{ field: 'message', code: 'empty' }]);
    // 2,000 characters as a person counts them (a Chinese character is one) pass; one more does not.
    expect(readFeedback(fields({ message: '字'.repeat(2000) })).problems).toEqual([]);
    expect(readFeedback(fields({ message: '字'.repeat(2001) })).problems).toEqual([{ field: 'message', code: 'tooLong' }]);
  });
  it('keeps a way to reply only with consent, and says which is missing', () => {
    expect(readFeedback(fields({ message: 'x', contact: '13812345678' })).problems).toEqual([{ field: 'consent', code: 'missing' }]);
    expect(readFeedback(fields({ message: 'x', consent: 'yes' })).problems).toEqual([{ field: 'contact', code: 'missing' }]);
    const r = readFeedback(fields({ message: 'x', name: ' 王阿姨 ', contact: '138 1234 5678', consent: 'yes' }));
    expect(r.input?.contact).toEqual({ name: '王阿姨', value: '138 1234 5678', kind: 'phone' });
    // A name alone, without a way to reply, is not kept.
    expect(readFeedback(fields({ message: 'x', name: '王阿姨' })).input).toEqual({ page: '', message: 'x' });
  });
  it('refuses a contact that is neither a phone number nor an email address, or too long', () => {
    expect(readFeedback(fields({ message: 'x', contact: 'call me', consent: 'yes' })).problems).toEqual([{ field: 'contact', code: 'format' }]);
    expect(readFeedback(fields({ message: 'x', contact: `${'a'.repeat(96)}@b.cn`, consent: 'yes' })).problems).toEqual([{ field: 'contact', code: 'tooLong' }]);
    expect(readFeedback(fields({ message: 'x', name: '名'.repeat(51) })).problems).toEqual([{ field: 'name', code: 'tooLong' }]);
  });
  it('tells a phone number from an email address', () => {
    expect(contactKind('a.b@example.cn')).toBe('email');
    expect(contactKind('+86 (0432) 6245-1234')).toBe('phone');
    expect(contactKind('12385')).toBe('phone');
    expect(contactKind('1234')).toBeUndefined();
    expect(contactKind('a@b')).toBeUndefined();
  });
  it('takes a page only as a path on this site', () => {
    expect(sitePath('/en/search?q=bus')).toBe('/en/search?q=bus');
    for (const bad of ['https://evil.example/', '//evil.example/', '/a b', '/<script>', '/\\x', 'services/', `/${'a'.repeat(300)}`]) expect(sitePath(bad)).toBeUndefined();
    expect(readFeedback(fields({ message: 'x', page: 'https://evil.example/' })).problems).toEqual([{ field: 'page', code: 'format' }]);
    expect(readFeedback(fields({ message: 'x', page: `/${'a'.repeat(300)}` })).problems).toEqual([{ field: 'page', code: 'tooLong' }]);
  });
});

describe('what staff may do with a report', () => {
  it('allows taking up, closing and opening again, and nothing else', () => {
    const allowed = FEEDBACK_STATUSES.flatMap((from) => FEEDBACK_STATUSES.filter((to) => mayMoveFeedback(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['new→inProgress', 'new→closed', 'inProgress→closed', 'closed→inProgress']);
  });
});
