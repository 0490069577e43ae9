import { describe, expect, it } from 'vitest';
import { maskPhone, NOTICE_KINDS, noticeKindOf, noticeText, recipientsOf } from './notices';
import { ACTIONS, CHAINS } from './decisions';

const FACTS = { reference: 'K7M2Q9XH4P', office: 'countyDpf' as const, due: '2026-12-20' };

describe('notices', () => {
  it.each(NOTICE_KINDS)('%s: an SMS, an email and an easy-read version in both languages, each with the reference', (kind) => {
    const text = noticeText(kind, FACTS);
    const all = [text.sms, text.email.subject, text.email.body, text.easyRead];
    for (const t of all) {
      expect(t.zh).toContain(FACTS.reference);
      expect(t.en).toContain(FACTS.reference);
      // Chinese in full-width punctuation and one form of address (你); English in English.
      expect(t.zh).not.toMatch(/[,:;()]|您/);
      expect(t.en).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(text.sms.zh.startsWith('【同行】')).toBe(true);
    expect(text.easyRead.zh.length).toBeLessThanOrEqual(text.sms.zh.length + 20);
  });

  it('says what is needed by when, where a request for information is sent', () => {
    const text = noticeText('informationRequested', FACTS);
    expect(text.sms.zh).toContain('2026-12-20');
    expect(text.easyRead.en).toContain('2026-12-20');
  });

  it('never carries the refusal’s reason or the service: only where to read them', () => {
    const text = noticeText('refused', FACTS);
    expect(text.sms.en).toMatch(/status page gives the reason/);
    expect(text.sms.zh).not.toMatch(/补贴|残疾人/);
  });

  it('goes to the person’s phone and the helper’s, each once, in the application’s language', () => {
    expect(recipientsOf({ person: { phone: '13800001111' }, submitter: { phone: '13900002222' }, language: 'en' })).toEqual([
      { channel: 'sms', address: '13800001111', language: 'en' },
      { channel: 'sms', address: '13900002222', language: 'en' },
    ]);
    expect(recipientsOf({ person: { phone: '13800001111' }, submitter: { phone: '13800001111' } })).toEqual([{ channel: 'sms', address: '13800001111', language: 'zh' }]);
    expect(recipientsOf({ person: {}, submitter: null })).toEqual([]);
  });

  it('gives a notice for every move but the applicant’s own reply', () => {
    const to = (action: string) => CHAINS.statutory[action as keyof typeof CHAINS.statutory]?.to ?? 'accepted';
    expect(Object.fromEntries(ACTIONS.map((a) => [a, noticeKindOf(a, to(a))]))).toEqual({
      accept: 'accepted',
      review: 'reviewed',
      approve: 'approved',
      refuse: 'refused',
      requestInformation: 'informationRequested',
      reply: undefined,
      withdraw: 'withdrawn',
    });
  });

  it('masks a phone number but for its first three and last four digits', () => {
    expect(maskPhone('13800001111')).toBe('138****1111');
    expect(maskPhone('123')).toBe('***');
  });
});
