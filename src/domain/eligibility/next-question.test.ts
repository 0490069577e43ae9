/** Flow tests: for each state of answers, the next question (CONVENTIONS.md 11). */
import { describe, expect, it } from 'vitest';
import type { Answers, QuestionId } from './criteria';
import { regionView } from './regions';
import { NATIONAL_REGION, NO_EXTENSIONS, chainWith } from './test-regions';
import { runCheck } from './next-question';
import { childRehabilitation, livingSubsidy, nursingSubsidy } from './national-rules';

const RULES = [livingSubsidy, nursingSubsidy, childRehabilitation];
const context = { region: regionView(NATIONAL_REGION.chain, '2026-06-01'), asOf: '2026-06-01' };
/** The certificate number counts as dealt with unless a test says otherwise. */
const next = (answers: Answers, skipped: QuestionId[] = ['certificateNumber']) => runCheck(RULES, answers, context, skipped).next?.id ?? null;

describe('the next question', () => {
  it.each([
    ['nothing answered → the certificate', {}, 'hasCertificate'],
    ['a certificate → the birth date, once the number was read or skipped (children’s rehabilitation still undecided)', { hasCertificate: true }, 'birthDate'],
    ['an adult with a certificate → the household', { hasCertificate: true, birthDate: '1980-01-01' }, 'household'],
    ['an adult, dibao → the level', { hasCertificate: true, birthDate: '1980-01-01', household: 'dibao' }, 'level'],
    ['level 2 → long-term care', { hasCertificate: true, birthDate: '1980-01-01', household: 'dibao', level: 2 }, 'needsLongTermCare'],
    ['level 3, dibao, national rules → what is already paid (the living subsidy would be offered)', { hasCertificate: true, birthDate: '1980-01-01', household: 'dibao', level: 3 }, 'alreadyReceives'],
    ['level 3, national rules, nothing paid yet → nothing more (category cannot change the result)', { hasCertificate: true, birthDate: '1980-01-01', household: 'dibao', level: 3, alreadyReceives: [] }, null],
    ['level 3, no status, national rules → nothing more (neither subsidy can be offered, so what is paid changes nothing)', { hasCertificate: true, birthDate: '1980-01-01', household: 'none', level: 3 }, null],
    ['already paid the living subsidy, level 2 → long-term care (the nursing subsidy is still open)', { hasCertificate: true, birthDate: '1980-01-01', household: 'dibao', level: 2, alreadyReceives: ['living-subsidy'] }, 'needsLongTermCare'],
    ['already paid both → nothing more is asked for them', { hasCertificate: true, birthDate: '1980-01-01', household: 'dibao', alreadyReceives: ['living-subsidy', 'nursing-subsidy'] }, null],
    ['no certificate, an adult → nothing more', { hasCertificate: false, birthDate: '1980-01-01' }, null],
    ['no certificate, a 4-year-old → the category', { hasCertificate: false, birthDate: '2022-01-01' }, 'category'],
  ] as const)('%s', (_name, answers, expected) => {
    expect(next(answers as Answers)).toBe(expected);
  });

  it('asks for the certificate number first: it answers birth date, category and level at once', () => {
    expect(next({ hasCertificate: true }, [])).toBe('certificateNumber');
    expect(next({ hasCertificate: false }, [])).toBe('birthDate');
    // Once everything it fills in is known, the number would add nothing.
    expect(next({ hasCertificate: true, birthDate: '1980-01-01', household: 'dibao', level: 2, category: 'visual' }, [])).toBe('needsLongTermCare');
  });

  it('does not ask the level of someone without a certificate', () => {
    expect(next({ hasCertificate: false, birthDate: '2022-01-01', category: 'visual' })).toBeNull();
  });

  it('does not ask again what the person said they do not know, and leaves it undecided', () => {
    const answers: Answers = { hasCertificate: true, birthDate: '1980-01-01' };
    expect(next(answers, ['certificateNumber', 'household'])).toBe('level');
    const check = runCheck(RULES, answers, context, ['certificateNumber', 'household', 'level', 'needsLongTermCare', 'alreadyReceives']);
    expect(check.next).toBeNull();
    expect(check.results.find((r) => r.service === 'living-subsidy')!.status).toBe('unknown');
  });

  it('asks about the category when the region extends the nursing subsidy', () => {
    const extending = regionView(chainWith({ ...NO_EXTENSIONS, 'nursingSubsidy.extendedTo': [{ category: 'intellectual', maxLevel: 3 }] }), '2026-06-01');
    const check = runCheck(RULES, { hasCertificate: true, birthDate: '1980-01-01', household: 'dibao', level: 3 }, { ...context, region: extending }, ['certificateNumber']);
    expect(check.next?.id).toBe('category');
  });
});
