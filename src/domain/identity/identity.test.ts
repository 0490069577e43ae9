/**
 * Synthetic numbers only, made here with an independent MOD 11-2 routine: never real people's.
 * The one fixed example, 11010519491231002X, is GB 11643's own published sample.
 */
import { describe, expect, it } from 'vitest';
import { ageOn, checkCharacter, parseCertificateNumber, parseIdNumber } from '.';

const AS_OF = '2026-06-01';
/** An ID number for a birth date (YYYYMMDD) with a correct check character, computed afresh. */
function syntheticId(birth: string, region = '220201', sequence = '123'): string {
  const first17 = `${region}${birth}${sequence}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}
/** The same number with a wrong check character. */
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

describe('resident ID number', () => {
  it('accepts the standard’s sample, with lower-case x, spaces and hyphens', () => {
    expect(parseIdNumber('11010519491231002X', AS_OF)).toEqual({ ok: true, value: { value: '11010519491231002X', birthDate: '1949-12-31' } });
    expect(parseIdNumber('110105 19491231 002x', AS_OF).ok).toBe(true);
    expect(parseIdNumber('110105-19491231-002X', AS_OF).ok).toBe(true);
  });

  it('agrees with the independent check routine for many synthetic numbers', () => {
    for (const birth of ['19000101', '19800229', '20001231', '20200615', '20260601']) {
      for (const seq of ['001', '123', '998']) {
        const id = syntheticId(birth, '430111', seq);
        expect(checkCharacter(id)).toBe(id[17]);
        expect(parseIdNumber(id, AS_OF).ok).toBe(true);
      }
    }
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['1234567', 'length'],
    [`${syntheticId('19900101')}1`, 'length'],
    ['22020119900101A234', 'characters'],
    ['2202011990010112XX', 'characters'],
    [syntheticId('19900230'), 'birthDate'],
    [syntheticId('19901301'), 'birthDate'],
    [syntheticId('19000229'), 'birthDate'],
    [syntheticId('18991231'), 'birthDate'],
    [syntheticId('20260602'), 'birthDateFuture'],
    [wrongCheck(syntheticId('19900101')), 'checkCharacter'],
  ])('refuses %j: %s', (input, error) => {
    expect(parseIdNumber(input, AS_OF)).toEqual({ ok: false, error });
  });

  it('accepts a birth date on the day itself (a newborn)', () => {
    expect(parseIdNumber(syntheticId('20260601'), AS_OF).ok).toBe(true);
  });
});

describe('disability certificate number', () => {
  const id = syntheticId('19850315');

  it('reads the category and level from a 20-character number', () => {
    expect(parseCertificateNumber(`${id}42`, AS_OF)).toEqual({
      ok: true,
      value: { value: `${id}42`, idNumber: id, birthDate: '1985-03-15', category: 'physical', level: 2, warnings: [] },
    });
  });

  it.each([
    ['1', 'visual'], ['2', 'hearing'], ['3', 'speech'], ['4', 'physical'], ['5', 'intellectual'], ['6', 'psychosocial'], ['7', 'multiple'],
  ])('category digit %s is %s', (digit, category) => {
    const result = parseCertificateNumber(`${id}${digit}1`, AS_OF);
    expect(result.ok && result.value.category).toBe(category);
  });

  it('accepts an unusual 21-character number with a warning, for the person to confirm', () => {
    const result = parseCertificateNumber(`${id}514`, AS_OF);
    expect(result).toMatchObject({ ok: true, value: { category: 'intellectual', level: 1, warnings: ['extraCharacters'] } });
  });

  it('accepts an ID number alone with a warning that category and level must be given', () => {
    expect(parseCertificateNumber(id, AS_OF)).toMatchObject({ ok: true, value: { warnings: ['noCategoryOrLevel'] } });
    expect(parseCertificateNumber(id, AS_OF)).not.toHaveProperty('value.category');
  });

  it.each([
    ['', 'empty'],
    ['12345', 'length'],
    [`${id}4212345`, 'length'],
    [`${id}82`, 'category'],
    [`${id}02`, 'category'],
    [`${id}45`, 'level'],
    [`${id}4`, 'level'],
  ])('refuses %j: %s', (input, error) => {
    expect(parseCertificateNumber(input, AS_OF)).toEqual({ ok: false, error });
  });

  it('names the ID part’s own problem, strictly', () => {
    expect(parseCertificateNumber(`${wrongCheck(id)}42`, AS_OF)).toEqual({ ok: false, error: { idNumber: 'checkCharacter' } });
    expect(parseCertificateNumber(`${syntheticId('20300101')}42`, AS_OF)).toEqual({ ok: false, error: { idNumber: 'birthDateFuture' } });
  });
});

describe('age', () => {
  it.each([
    // 周岁 is reached the day after the birthday (age-counting 第二条).
    ['2019-06-01', '2026-06-01', 6],
    ['2019-06-01', '2026-06-02', 7],
    ['2019-06-02', '2026-06-01', 6],
    ['2026-06-01', '2026-06-01', 0],
    ['2026-06-02', '2026-06-01', -1],
    ['2026-05-31', '2026-06-01', 0],
    ['2020-02-29', '2026-02-28', 5],
    ['2020-02-29', '2026-03-01', 6],
    ['2020-02-29', '2024-02-29', 3],
    ['2020-02-29', '2024-03-01', 4],
  ])('born %s, on %s: %i full years', (birth, asOf, age) => expect(ageOn(birth, asOf)).toBe(age));
});
