/**
 * Reading one question's answer from form fields: every error code, and what each kind of
 * answer becomes. Synthetic ID numbers only, made with checkCharacter: never real people's.
 */
import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../identity';
import { QUESTIONS, question, type Question } from '../eligibility/questions';
import type { QuestionId } from '../eligibility/criteria';
import { HOUSEHOLDS } from '../eligibility/criteria';
import { DONT_KNOW, date as dateType, oneOf, yesNo, type Fields, type Read } from './index';

/**
 * The answer types read through the self-check's questions, in the shapes these cases were
 * first written for (when one form reader did it all): a date's error names its field and the
 * part to put right; a certificate number's error its identity code.
 */
type Get = (name: string) => string | null | undefined;
const fields = (get: Get): Fields => ({ get });
function readDate(get: Get, asOf: string, field: string) {
  const r = dateType({ min: '1900-01-01' }).read(fields(get), { asOf });
  return r.kind === 'value' ? { ok: true, value: r.value } : r.kind === 'error' ? { ok: false, error: { field, code: r.error.code, part: r.error.field } } : { ok: false };
}
function readQuestionForm(q: Question, get: Get, asOf: string) {
  const r: Read<unknown> = q.answer.read(fields(get), { asOf });
  if (r.kind === 'dontKnow') return { kind: 'dontKnow' };
  if (r.kind === 'value') return q.answer.kind === 'certificateNumber' ? { kind: 'certificate', read: r.value } : { kind: 'answer', answers: { [q.id]: r.value } };
  const { code, field } = r.error;
  if (code.startsWith('certificate.')) return { kind: 'error', error: { field: 'certificateNumber', code: 'certificate', certificate: code.slice(12) } };
  if (code.startsWith('idNumber.')) return { kind: 'error', error: { field: 'certificateNumber', code: 'certificate', certificate: { idNumber: code.slice(9) } } };
  return { kind: 'error', error: q.answer.kind === 'date' ? { field: q.id, code, part: field } : { field: q.id, code } };
}

const AS_OF = '2026-06-01';

/** Form fields as the pages post them. */
const form = (fields: Record<string, string>) => (name: string) => fields[name];
const q = (id: QuestionId): Question => question(id)!;
const date = (year: string, month: string, day: string) => readDate(form({ year, month, day }), AS_OF, 'birthDate');
const dateError = (code: string, part: string) => ({ ok: false, error: { field: 'birthDate', code, part } });

/** A synthetic resident ID number for a birth date (YYYYMMDD), with a correct check character. */
const syntheticId = (birth: string, region = '220201', sequence = '123') => {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + checkCharacter(first17);
};
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

describe('readDate', () => {
  it('reads a date as YYYY-MM-DD, padding month and day', () => {
    expect(date('1980', '3', '7')).toEqual({ ok: true, value: '1980-03-07' });
    expect(date(' 1980 ', '03', '07')).toEqual({ ok: true, value: '1980-03-07' });
  });

  it('accepts full-width digits, as Chinese input methods type them', () => {
    expect(date('１９８０', '３', '７')).toEqual({ ok: true, value: '1980-03-07' });
    expect(date('１９８０', '１２', '３１')).toEqual({ ok: true, value: '1980-12-31' });
  });

  it('asks for the date when nothing is given, pointing at the year', () => {
    expect(date('', '', '')).toEqual(dateError('dateRequired', 'year'));
    expect(date('  ', ' ', '')).toEqual(dateError('dateRequired', 'year'));
    expect(readDate(form({}), AS_OF, 'birthDate')).toEqual(dateError('dateRequired', 'year'));
  });

  it.each([
    ['the year missing', ['', '3', '7'], 'year'],
    ['the month missing', ['1980', '', '7'], 'month'],
    ['the day missing', ['1980', '3', ''], 'day'],
    ['month and day missing (the first one named)', ['1980', '', ''], 'month'],
    ['a year that is not digits', ['198o', '3', '7'], 'year'],
    ['a month that is not digits', ['1980', 'March', '7'], 'month'],
    ['a day that is not digits', ['1980', '3', '7th'], 'day'],
    ['a negative day', ['1980', '3', '-7'], 'day'],
    ['a two-digit year', ['80', '3', '7'], 'year'],
    ['a five-digit year', ['19800', '3', '7'], 'year'],
    ['month 0', ['1980', '0', '7'], 'month'],
    ['month 13', ['1980', '13', '7'], 'month'],
    ['day 0', ['1980', '3', '0'], 'day'],
    ['day 32', ['1980', '1', '32'], 'day'],
    ['31 April', ['1980', '4', '31'], 'day'],
    ['29 February in a non-leap year', ['2023', '2', '29'], 'day'],
    ['29 February 1900 (not a leap year)', ['1900', '2', '29'], 'day'],
    ['30 February in a leap year', ['2024', '2', '30'], 'day'],
  ] as const)('refuses %s: dateInvalid, %s part', (_name, [y, m, d], part) => {
    expect(date(y, m, d)).toEqual(dateError('dateInvalid', part));
  });

  it('accepts 29 February in leap years', () => {
    expect(date('2024', '2', '29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(date('2000', '2', '29')).toEqual({ ok: true, value: '2000-02-29' });
    expect(date('１９８０', '２', '２９')).toEqual({ ok: true, value: '1980-02-29' });
  });

  it('refuses a date after asOf, and accepts asOf itself', () => {
    expect(date('2026', '6', '2')).toEqual(dateError('dateFuture', 'year'));
    expect(date('2030', '1', '1')).toEqual(dateError('dateFuture', 'year'));
    expect(date('2026', '6', '1')).toEqual({ ok: true, value: '2026-06-01' });
  });

  it('refuses a year before 1900, and accepts 1 January 1900', () => {
    expect(date('1899', '12', '31')).toEqual(dateError('dateTooOld', 'year'));
    expect(date('1000', '1', '1')).toEqual(dateError('dateTooOld', 'year'));
    expect(date('1900', '1', '1')).toEqual({ ok: true, value: '1900-01-01' });
  });

  it('names the field it was given', () => {
    expect(readDate(form({}), AS_OF, 'other')).toEqual({ ok: false, error: { field: 'other', code: 'dateRequired', part: 'year' } });
  });
});

describe('readQuestionForm', () => {
  const read = (id: QuestionId, fields: Record<string, string>) => readQuestionForm(q(id), form(fields), AS_OF);

  describe('yes/no, choice and level questions', () => {
    it('makes yes and no into booleans', () => {
      expect(read('hasCertificate', { answer: 'yes' })).toEqual({ kind: 'answer', answers: { hasCertificate: true } });
      expect(read('hasCertificate', { answer: 'no' })).toEqual({ kind: 'answer', answers: { hasCertificate: false } });
      expect(read('needsLongTermCare', { answer: 'yes' })).toEqual({ kind: 'answer', answers: { needsLongTermCare: true } });
      expect(read('isAutistic', { answer: 'no' })).toEqual({ kind: 'answer', answers: { isAutistic: false } });
    });

    it('keeps a choice as its value', () => {
      expect(read('household', { answer: 'dibao' })).toEqual({ kind: 'answer', answers: { household: 'dibao' } });
      expect(read('household', { answer: 'registered-poor' })).toEqual({ kind: 'answer', answers: { household: 'registered-poor' } });
      expect(read('category', { answer: 'intellectual' })).toEqual({ kind: 'answer', answers: { category: 'intellectual' } });
    });

    it.each([1, 2, 3, 4])('makes level %i a number', (n) => {
      expect(read('level', { answer: String(n) })).toEqual({ kind: 'answer', answers: { level: n } });
    });

    it.each(['hasCertificate', 'household', 'level', 'category', 'needsLongTermCare', 'isAutistic'] as const)('%s: no answer is required', (id) => {
      expect(read(id, {})).toEqual({ kind: 'error', error: { field: id, code: 'required' } });
      expect(read(id, { answer: '' })).toEqual({ kind: 'error', error: { field: id, code: 'required' } });
    });

    it.each([
      ['hasCertificate', 'maybe'],
      ['hasCertificate', 'true'],
      ['hasCertificate', 'YES'],
      ['household', 'rich'],
      ['household', 'Dibao'],
      ['level', '0'],
      ['level', '5'],
      ['level', '1.0'],
      ['category', 'blue'],
      ['needsLongTermCare', '1'],
    ] as const)('%s: %j is not an option', (id, answer) => {
      expect(read(id, { answer })).toEqual({ kind: 'error', error: { field: id, code: 'option' } });
    });

    it('accepts "I don\'t know" wherever the question allows it', () => {
      const radios = QUESTIONS.filter((x) => x.answer.kind !== 'date' && x.answer.kind !== 'certificateNumber');
      expect(radios.length).toBeGreaterThan(0);
      for (const x of radios.filter((r) => r.answer.allowsUnknown)) {
        expect(readQuestionForm(x, form({ answer: DONT_KNOW }), AS_OF), x.id).toEqual({ kind: 'dontKnow' });
      }
    });

    it('refuses "I don\'t know" where the question does not allow it', () => {
      const strictTypes = { household: oneOf(HOUSEHOLDS, { allowsUnknown: false }), hasCertificate: yesNo({ allowsUnknown: false }), level: oneOf([1, 2, 3, 4], { allowsUnknown: false }) };
      for (const id of ['household', 'hasCertificate', 'level'] as const) {
        const strict = { ...q(id), answer: strictTypes[id] as Question['answer'] };
        expect(readQuestionForm(strict, form({ answer: DONT_KNOW }), AS_OF)).toEqual({ kind: 'error', error: { field: id, code: 'option' } });
      }
    });
  });

  describe('the birth date', () => {
    it('reads the year, month and day fields', () => {
      expect(read('birthDate', { year: '1980', month: '3', day: '7' })).toEqual({ kind: 'answer', answers: { birthDate: '1980-03-07' } });
      expect(read('birthDate', { year: '２０２１', month: '０３', day: '１０' })).toEqual({ kind: 'answer', answers: { birthDate: '2021-03-10' } });
    });

    it('passes on readDate’s errors, for the birthDate field', () => {
      expect(read('birthDate', {})).toEqual({ kind: 'error', error: { field: 'birthDate', code: 'dateRequired', part: 'year' } });
      expect(read('birthDate', { year: '2023', month: '2', day: '29' })).toEqual({ kind: 'error', error: { field: 'birthDate', code: 'dateInvalid', part: 'day' } });
      expect(read('birthDate', { year: '2027', month: '1', day: '1' })).toEqual({ kind: 'error', error: { field: 'birthDate', code: 'dateFuture', part: 'year' } });
      expect(read('birthDate', { year: '1850', month: '1', day: '1' })).toEqual({ kind: 'error', error: { field: 'birthDate', code: 'dateTooOld', part: 'year' } });
    });

    it('has no "I don\'t know": the answer field is ignored and a date is required', () => {
      expect(q('birthDate').answer.allowsUnknown).toBe(false);
      expect(read('birthDate', { answer: DONT_KNOW })).toEqual({ kind: 'error', error: { field: 'birthDate', code: 'dateRequired', part: 'year' } });
    });
  });

  describe('the certificate number', () => {
    const id = syntheticId('19850315');
    const certificateError = (certificate: unknown) => ({ kind: 'error', error: { field: 'certificateNumber', code: 'certificate', certificate } });

    it('reads birth date, category and level from a 20-character number', () => {
      expect(read('certificateNumber', { certificateNumber: `${id}53` })).toEqual({
        kind: 'certificate',
        read: { birthDate: '1985-03-15', category: 'intellectual', level: 3, warnings: [] },
      });
    });

    it('accepts spaces, hyphens and a lower-case x as people type them', () => {
      const withX = [...Array(1000).keys()].map((n) => syntheticId('19900101', '430111', String(n).padStart(3, '0'))).find((x) => x.endsWith('X'))!;
      const typed = `${withX.slice(0, 6)} ${withX.slice(6, 14)}-${withX.slice(14, 17)}x 42`;
      expect(read('certificateNumber', { certificateNumber: typed })).toEqual({
        kind: 'certificate',
        read: { birthDate: '1990-01-01', category: 'physical', level: 2, warnings: [] },
      });
    });

    it('reads an ID number alone with a warning, and no category or level', () => {
      const result = read('certificateNumber', { certificateNumber: id });
      expect(result).toEqual({ kind: 'certificate', read: { birthDate: '1985-03-15', warnings: ['noCategoryOrLevel'] } });
      expect(result).not.toHaveProperty('read.category');
      expect(result).not.toHaveProperty('read.level');
    });

    it('reads a 22-character number with a warning about the extra characters', () => {
      expect(read('certificateNumber', { certificateNumber: `${id}1299` })).toEqual({
        kind: 'certificate',
        read: { birthDate: '1985-03-15', category: 'visual', level: 2, warnings: ['extraCharacters'] },
      });
    });

    it('answers "I don\'t know" when the person skips it, whatever the field holds', () => {
      expect(read('certificateNumber', { action: 'skip' })).toEqual({ kind: 'dontKnow' });
      expect(read('certificateNumber', { action: 'skip', certificateNumber: 'rubbish' })).toEqual({ kind: 'dontKnow' });
      expect(read('certificateNumber', { action: 'skip', certificateNumber: `${id}53` })).toEqual({ kind: 'dontKnow' });
    });

    it.each([
      ['nothing', {}, 'empty'],
      ['an empty number', { certificateNumber: '' }, 'empty'],
      ['spaces only', { certificateNumber: '   ' }, 'empty'],
      ['too short', { certificateNumber: '12345' }, 'length'],
      ['too long', { certificateNumber: `${id}12345` }, 'length'],
      ['category digit 0', { certificateNumber: `${id}02` }, 'category'],
      ['category digit 8', { certificateNumber: `${id}82` }, 'category'],
      ['a letter for the category', { certificateNumber: `${id}A2` }, 'category'],
      ['no level digit', { certificateNumber: `${id}4` }, 'level'],
      ['level digit 5', { certificateNumber: `${id}45` }, 'level'],
      ['level digit 0', { certificateNumber: `${id}40` }, 'level'],
      ['a letter in the ID part', { certificateNumber: `22020119850315A23X42` }, { idNumber: 'characters' }],
      ['an impossible birth date', { certificateNumber: `${syntheticId('19850230')}42` }, { idNumber: 'birthDate' }],
      ['a birth date before 1900', { certificateNumber: `${syntheticId('18991231')}42` }, { idNumber: 'birthDate' }],
      ['a birth date after asOf', { certificateNumber: `${syntheticId('20260602')}42` }, { idNumber: 'birthDateFuture' }],
      ['a wrong check character', { certificateNumber: `${wrongCheck(id)}42` }, { idNumber: 'checkCharacter' }],
    ] as const)('refuses %s: %j', (_name, fields, certificate) => {
      expect(read('certificateNumber', fields)).toEqual(certificateError(certificate));
    });

    // A Chinese input method in full-width mode types "２２０２…": the digits are right.
    it('accepts full-width digits in the number', () => {
      const fullWidth = [...`${id}53`].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
      expect(read('certificateNumber', { certificateNumber: fullWidth })).toEqual({
        kind: 'certificate',
        read: { birthDate: '1985-03-15', category: 'intellectual', level: 3, warnings: [] },
      });
    });

    it('reads the number, not the radio answer', () => {
      expect(read('certificateNumber', { answer: DONT_KNOW })).toEqual(certificateError('empty'));
    });
  });
});
