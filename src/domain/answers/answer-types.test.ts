/**
 * The answer types one by one: what each reads, every error code it gives and the field that
 * code points at, how it tidies what people type, its JSON schema, and that the fields of a
 * saved value read back as that value. Synthetic ID numbers only, made with checkCharacter:
 * never real people's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import zh from '../../i18n/zh-CN.json';
import en from '../../i18n/en.json';
import { checkCharacter } from '../identity';
import { applicationJourney } from '../applications/journey';
import { formById, twoSubsidies } from '../applications/forms';
import {
  DONT_KNOW,
  NONE,
  address,
  answerMessageKey,
  certificateNumber,
  certificateNumberSchema,
  date,
  dateSchema,
  freeText,
  idNumber,
  idNumberSchema,
  isCalendarDate,
  manyOf,
  manyOfSchema,
  normalisePhone,
  oneOf,
  oneOfSchema,
  personName,
  phoneNumber,
  phoneNumberSchema,
  readCertificate,
  readKept,
  textSchema,
  yesNo,
  yesNoSchema,
  type AnswerErrorCode,
  type AnswerType,
  type FieldValues,
  type Fields,
  type Read,
} from './index';

const AS_OF = '2026-06-01';

/** Posted fields as a getter over a record; a list is a repeated field (checkboxes). */
const fieldsOf = (record: FieldValues): Fields => ({
  get: (name) => {
    const v = record[name];
    return v === undefined || typeof v === 'string' ? v : v[0];
  },
  getAll: (name) => {
    const v = record[name];
    return v === undefined ? [] : typeof v === 'string' ? [v] : [...v];
  },
});
/** A reader with `get` only, as a reader of single fields gives. */
const getOnly = (record: Record<string, string>): Fields => ({ get: (name) => record[name] });

const read = <V>(type: AnswerType<V>, record: FieldValues, asOf = AS_OF): Read<V> => type.read(fieldsOf(record), { asOf });
const valueOf = <V>(v: V) => ({ kind: 'value', value: v });
const errorOf = (code: AnswerErrorCode, field: string) => ({ kind: 'error', error: { code, field } });
const DONT_KNOW_READ = { kind: 'dontKnow' };

/** What a Chinese input method types in full-width mode: １３８…, ＋８６. */
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** A synthetic resident ID number for a birth date (YYYYMMDD), with a correct check character. */
const syntheticId = (birth: string, region = '220201', sequence = '123') => {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + checkCharacter(first17);
};
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
/** A synthetic number whose check character is X. */
const ID_WITH_X = [...Array(1000).keys()].map((n) => syntheticId('19900101', '430111', String(n).padStart(3, '0'))).find((x) => x.endsWith('X'))!;
const ID = syntheticId('19850315');

const accepts = (schema: z.ZodType, v: unknown) => schema.safeParse(v).success;

describe('yesNo', () => {
  const type = yesNo({ allowsUnknown: true });
  const strict = yesNo({ allowsUnknown: false });

  it('describes itself: one field, answer, and whether "I don\'t know" is offered', () => {
    expect(type.kind).toBe('yesNo');
    expect(type.fields).toEqual(['answer']);
    expect(type.allowsUnknown).toBe(true);
    expect(strict.allowsUnknown).toBe(false);
  });

  it('reads yes as true and no as false', () => {
    expect(read(type, { answer: 'yes' })).toEqual(valueOf(true));
    expect(read(type, { answer: 'no' })).toEqual(valueOf(false));
    expect(read(strict, { answer: 'yes' })).toEqual(valueOf(true));
  });

  it('asks for an answer when none is posted, empty or missing', () => {
    expect(read(type, {})).toEqual(errorOf('required', 'answer'));
    expect(read(type, { answer: '' })).toEqual(errorOf('required', 'answer'));
    expect(type.read({ get: () => null }, { asOf: AS_OF })).toEqual(errorOf('required', 'answer'));
  });

  it('reads "I don\'t know" only where it is offered', () => {
    expect(read(type, { answer: DONT_KNOW })).toEqual(DONT_KNOW_READ);
    expect(read(strict, { answer: DONT_KNOW })).toEqual(errorOf('option', 'answer'));
  });

  it.each(['YES', 'No', ' yes', 'true', 'false', '1', '0', '是', 'dontknow', 'maybe'])('refuses %j as not an option', (answer) => {
    expect(read(type, { answer })).toEqual(errorOf('option', 'answer'));
  });

  it('writes true and false back as yes and no', () => {
    expect(type.toFields(true)).toEqual({ answer: 'yes' });
    expect(type.toFields(false)).toEqual({ answer: 'no' });
  });

  it('has a schema for a boolean, and nothing else', () => {
    expect(accepts(yesNoSchema(), true)).toBe(true);
    expect(accepts(yesNoSchema(), false)).toBe(true);
    for (const v of ['yes', 'no', 1, 0, null, undefined]) expect(accepts(yesNoSchema(), v), String(v)).toBe(false);
  });
});

describe('oneOf', () => {
  describe('of strings', () => {
    const HOUSEHOLDS = ['dibao', 'tekun', 'registered-poor', 'ordinary'] as const;
    const type = oneOf(HOUSEHOLDS, { allowsUnknown: true });
    const strict = oneOf(HOUSEHOLDS, { allowsUnknown: false });

    it('describes itself', () => {
      expect(type.kind).toBe('oneOf');
      expect(type.fields).toEqual(['answer']);
      expect(type.allowsUnknown).toBe(true);
    });

    it.each(HOUSEHOLDS)('reads %s as itself', (answer) => {
      expect(read(type, { answer })).toEqual(valueOf(answer));
    });

    it('asks for an answer when none is posted', () => {
      expect(read(type, {})).toEqual(errorOf('required', 'answer'));
      expect(read(type, { answer: '' })).toEqual(errorOf('required', 'answer'));
    });

    it.each(['Dibao', 'DIBAO', ' dibao', 'dibao ', 'rich', 'registered_poor', '低保'])('refuses %j: the values are exact', (answer) => {
      expect(read(type, { answer })).toEqual(errorOf('option', 'answer'));
    });

    it('reads "I don\'t know" only where it is offered', () => {
      expect(read(type, { answer: DONT_KNOW })).toEqual(DONT_KNOW_READ);
      expect(read(strict, { answer: DONT_KNOW })).toEqual(errorOf('option', 'answer'));
    });

    it('writes a value back as the radio that posts it', () => {
      expect(type.toFields('tekun')).toEqual({ answer: 'tekun' });
    });

    it('reads and points at the field it was given', () => {
      const region = oneOf(['jilin', 'changchun'], { allowsUnknown: false, field: 'region' });
      expect(region.fields).toEqual(['region']);
      expect(read(region, { region: 'jilin' })).toEqual(valueOf('jilin'));
      expect(read(region, { answer: 'jilin' })).toEqual(errorOf('required', 'region'));
      expect(read(region, { region: 'harbin' })).toEqual(errorOf('option', 'region'));
      expect(region.toFields('changchun')).toEqual({ region: 'changchun' });
    });

    it('has a schema for one of the strings', () => {
      const schema = oneOfSchema(HOUSEHOLDS);
      for (const v of HOUSEHOLDS) expect(accepts(schema, v), v).toBe(true);
      for (const v of ['rich', 'Dibao', '', 1, null]) expect(accepts(schema, v), String(v)).toBe(false);
    });
  });

  describe('of numbers', () => {
    const LEVELS = [1, 2, 3, 4] as const;
    const type = oneOf(LEVELS, { allowsUnknown: true });

    it.each(LEVELS)('reads %i as the number, not the string', (n) => {
      const r = read(type, { answer: String(n) });
      expect(r).toEqual(valueOf(n));
      expect(r.kind === 'value' && typeof r.value).toBe('number');
    });

    it.each(['0', '5', '02', '2.0', '2.5', ' 2', '+2', '２', 'two', '二'])('refuses %j: only the number as written', (answer) => {
      expect(read(type, { answer })).toEqual(errorOf('option', 'answer'));
    });

    it('asks for an answer when none is posted, and reads "I don\'t know"', () => {
      expect(read(type, {})).toEqual(errorOf('required', 'answer'));
      expect(read(type, { answer: DONT_KNOW })).toEqual(DONT_KNOW_READ);
    });

    it('writes a number back as its digits', () => {
      expect(type.toFields(2)).toEqual({ answer: '2' });
    });

    it('has a schema for one of the numbers, not their strings', () => {
      const schema = oneOfSchema(LEVELS);
      for (const v of LEVELS) expect(accepts(schema, v), String(v)).toBe(true);
      for (const v of ['2', 0, 5, 2.5, null]) expect(accepts(schema, v), String(v)).toBe(false);
      expect(accepts(oneOfSchema([7]), 7)).toBe(true);
      expect(accepts(oneOfSchema([7]), 8)).toBe(false);
    });
  });
});

describe('manyOf', () => {
  const CATEGORIES = ['visual', 'hearing', 'speech', 'physical', 'intellectual'] as const;
  const type = manyOf(CATEGORIES, { allowsUnknown: true });
  const strict = manyOf(CATEGORIES, { allowsUnknown: false });
  const atMost3 = manyOf(CATEGORIES, { allowsUnknown: false, max: 3 });

  it('describes itself', () => {
    expect(type.kind).toBe('manyOf');
    expect(type.fields).toEqual(['answer']);
    expect(type.allowsUnknown).toBe(true);
  });

  it('reads one box, and several', () => {
    expect(read(type, { answer: ['hearing'] })).toEqual(valueOf(['hearing']));
    expect(read(type, { answer: 'hearing' })).toEqual(valueOf(['hearing']));
    expect(read(type, { answer: ['visual', 'speech'] })).toEqual(valueOf(['visual', 'speech']));
  });

  it('keeps the order of the list, whatever order the boxes were posted in', () => {
    expect(read(type, { answer: ['intellectual', 'visual', 'speech'] })).toEqual(valueOf(['visual', 'speech', 'intellectual']));
    expect(read(type, { answer: [...CATEGORIES].reverse() })).toEqual(valueOf([...CATEGORIES]));
  });

  it('reads "none of these" as an empty list', () => {
    expect(read(type, { answer: [NONE] })).toEqual(valueOf([]));
    expect(read(strict, { answer: NONE })).toEqual(valueOf([]));
  });

  it('refuses "none of these" together with a box, which cannot both be true', () => {
    expect(read(type, { answer: [NONE, 'visual'] })).toEqual(errorOf('exclusive', 'answer'));
    expect(read(type, { answer: ['visual', NONE] })).toEqual(errorOf('exclusive', 'answer'));
    expect(read(strict, { answer: ['visual', NONE] })).toEqual(errorOf('exclusive', 'answer'));
  });

  it('asks for at least one box, so that a skipped question and "none apply" never look the same', () => {
    expect(read(type, {})).toEqual(errorOf('required', 'answer'));
    expect(read(type, { answer: [] })).toEqual(errorOf('required', 'answer'));
    expect(type.read(getOnly({}), { asOf: AS_OF })).toEqual(errorOf('required', 'answer'));
  });

  it('reads an empty posted box as no box, with getAll or without', () => {
    expect(type.read(getOnly({ answer: '' }), { asOf: AS_OF })).toEqual(errorOf('required', 'answer'));
    expect(read(type, { answer: [''] })).toEqual(errorOf('required', 'answer'));
    expect(read(type, { answer: ['', 'speech'] })).toEqual(valueOf(['speech']));
  });

  it('reads "I don\'t know" alone, only where it is offered', () => {
    expect(read(type, { answer: [DONT_KNOW] })).toEqual(DONT_KNOW_READ);
    expect(read(strict, { answer: [DONT_KNOW] })).toEqual(errorOf('option', 'answer'));
    expect(read(type, { answer: [DONT_KNOW, 'visual'] })).toEqual(errorOf('exclusive', 'answer'));
    expect(read(type, { answer: [DONT_KNOW, NONE] })).toEqual(errorOf('exclusive', 'answer'));
    expect(read(strict, { answer: [DONT_KNOW, 'visual'] })).toEqual(errorOf('option', 'answer'));
  });

  it('reads a box posted twice once (a page that renders a box twice is not the person’s mistake)', () => {
    expect(read(type, { answer: ['visual', 'visual'] })).toEqual(valueOf(['visual']));
    expect(read(type, { answer: ['speech', 'visual', 'speech'] })).toEqual(valueOf(['visual', 'speech']));
    expect(read(type, { answer: [NONE, NONE] })).toEqual(valueOf([]));
    expect(read(type, { answer: [DONT_KNOW, DONT_KNOW] })).toEqual(DONT_KNOW_READ);
  });

  it.each([[['blue']], [['Visual']], [['visual', 'blue']], [['visual ']]])('refuses %j: not one of the boxes', (answer) => {
    expect(read(type, { answer })).toEqual(errorOf('option', 'answer'));
  });

  it('refuses more boxes than max, counting each box once', () => {
    expect(read(atMost3, { answer: ['visual', 'hearing', 'speech'] })).toEqual(valueOf(['visual', 'hearing', 'speech']));
    expect(read(atMost3, { answer: ['visual', 'hearing', 'speech', 'physical'] })).toEqual(errorOf('tooMany', 'answer'));
    expect(read(atMost3, { answer: ['visual', 'visual', 'hearing', 'hearing', 'speech'] })).toEqual(valueOf(['visual', 'hearing', 'speech']));
    expect(read(type, { answer: [...CATEGORIES] })).toEqual(valueOf([...CATEGORIES]));
  });

  it('names an unknown box before too many boxes', () => {
    expect(read(atMost3, { answer: ['visual', 'hearing', 'speech', 'blue'] })).toEqual(errorOf('option', 'answer'));
  });

  it('reads one box through a reader with get only', () => {
    expect(type.read(getOnly({ answer: 'speech' }), { asOf: AS_OF })).toEqual(valueOf(['speech']));
    expect(type.read(getOnly({ answer: NONE }), { asOf: AS_OF })).toEqual(valueOf([]));
  });

  it('writes an empty list back as "none of these", and boxes as repeated fields', () => {
    expect(type.toFields([])).toEqual({ answer: [NONE] });
    expect(type.toFields(['visual', 'speech'])).toEqual({ answer: ['visual', 'speech'] });
  });

  it('has a schema for a list of distinct values, no longer than max', () => {
    const schema = manyOfSchema(CATEGORIES, 3);
    expect(accepts(schema, [])).toBe(true);
    expect(accepts(schema, ['visual'])).toBe(true);
    expect(accepts(schema, ['speech', 'visual', 'hearing'])).toBe(true);
    expect(accepts(schema, ['visual', 'visual'])).toBe(false);
    expect(accepts(schema, ['blue'])).toBe(false);
    expect(accepts(schema, [NONE])).toBe(false);
    expect(accepts(schema, ['visual', 'hearing', 'speech', 'physical'])).toBe(false);
    expect(accepts(schema, 'visual')).toBe(false);
    expect(accepts(manyOfSchema(CATEGORIES), [...CATEGORIES])).toBe(true);
  });
});

describe('date', () => {
  const type = date({ min: '1900-01-01' });
  const d = (year: string, month: string, day: string, asOf = AS_OF) => read(type, { year, month, day }, asOf);

  it('describes itself: three boxes, year first', () => {
    expect(type.kind).toBe('date');
    expect(type.fields).toEqual(['year', 'month', 'day']);
    expect(type.allowsUnknown).toBe(false);
  });

  it('reads YYYY-MM-DD, padding month and day', () => {
    expect(d('1980', '3', '7')).toEqual(valueOf('1980-03-07'));
    expect(d('1980', '03', '07')).toEqual(valueOf('1980-03-07'));
    expect(d('1980', '12', '31')).toEqual(valueOf('1980-12-31'));
  });

  it('removes spaces, the ideographic space included, and makes full-width digits half-width', () => {
    expect(d(' 1980 ', ' 3', '7 ')).toEqual(valueOf('1980-03-07'));
    expect(d('19 80', '\u30003\u3000', '\t7')).toEqual(valueOf('1980-03-07'));
    expect(d('１９８０', '３', '０７')).toEqual(valueOf('1980-03-07'));
  });

  it('asks for the date when no box is filled in, pointing at the year', () => {
    expect(d('', '', '')).toEqual(errorOf('dateRequired', 'year'));
    expect(d(' ', '\u3000', '')).toEqual(errorOf('dateRequired', 'year'));
    expect(read(type, {})).toEqual(errorOf('dateRequired', 'year'));
  });

  it.each([
    ['the year missing', 'year', ['', '3', '7']],
    ['the month missing', 'month', ['1980', '', '7']],
    ['the day missing', 'day', ['1980', '3', '']],
    ['month and day missing (the first named)', 'month', ['1980', '', '']],
    ['a year with a letter', 'year', ['198o', '3', '7']],
    ['a month in words', 'month', ['1980', 'March', '7']],
    ['a month with 月', 'month', ['1980', '3月', '7']],
    ['a day with a suffix', 'day', ['1980', '3', '7th']],
    ['a negative day', 'day', ['1980', '3', '-7']],
    ['a decimal month', 'month', ['1980', '3.0', '7']],
    ['a two-digit year', 'year', ['80', '3', '7']],
    ['a five-digit year', 'year', ['19800', '3', '7']],
    ['month 0', 'month', ['1980', '0', '7']],
    ['month 13', 'month', ['1980', '13', '7']],
    ['day 0', 'day', ['1980', '3', '0']],
    ['day 32', 'day', ['1980', '1', '32']],
    ['31 April', 'day', ['1980', '4', '31']],
    ['31 November', 'day', ['1980', '11', '31']],
    ['29 February 2023', 'day', ['2023', '2', '29']],
    ['29 February 1900 (divisible by 100, not 400)', 'day', ['1900', '2', '29']],
    ['29 February 2100', 'day', ['2100', '2', '29']],
    ['30 February 2024', 'day', ['2024', '2', '30']],
  ] as const)('refuses %s: dateInvalid, pointing at the %s', (_name, field, [y, m, day]) => {
    expect(d(y, m, day)).toEqual(errorOf('dateInvalid', field));
  });

  it('accepts 29 February in leap years, 2000 (divisible by 400) among them', () => {
    expect(d('2024', '2', '29')).toEqual(valueOf('2024-02-29'));
    expect(d('2000', '2', '29')).toEqual(valueOf('2000-02-29'));
    expect(d('1904', '2', '29')).toEqual(valueOf('1904-02-29'));
  });

  it('accepts asOf itself and refuses the day after, pointing at the year', () => {
    expect(d('2026', '6', '1')).toEqual(valueOf('2026-06-01'));
    expect(d('2026', '6', '2')).toEqual(errorOf('dateFuture', 'year'));
    expect(d('2027', '1', '1')).toEqual(errorOf('dateFuture', 'year'));
    expect(d('2026', '6', '2', '2026-06-02')).toEqual(valueOf('2026-06-02'));
  });

  it('accepts min itself and refuses the day before, pointing at the year', () => {
    expect(d('1900', '1', '1')).toEqual(valueOf('1900-01-01'));
    expect(d('1899', '12', '31')).toEqual(errorOf('dateTooOld', 'year'));
    expect(d('0980', '1', '1')).toEqual(errorOf('dateTooOld', 'year'));
    const since2020 = date({ min: '2020-01-01' });
    expect(read(since2020, { year: '2019', month: '12', day: '31' })).toEqual(errorOf('dateTooOld', 'year'));
    expect(read(since2020, { year: '2020', month: '1', day: '1' })).toEqual(valueOf('2020-01-01'));
  });

  it('checks that the date is real before its bounds', () => {
    expect(d('2030', '2', '30')).toEqual(errorOf('dateInvalid', 'day'));
    expect(d('1800', '13', '1')).toEqual(errorOf('dateInvalid', 'month'));
  });

  it('writes a date back as the three boxes, as a person types them', () => {
    expect(type.toFields('1980-03-07')).toEqual({ year: '1980', month: '3', day: '7' });
    expect(type.toFields('2024-12-31')).toEqual({ year: '2024', month: '12', day: '31' });
    expect(read(type, type.toFields('2024-02-29'))).toEqual(valueOf('2024-02-29'));
  });

  it('has a schema for a real date written YYYY-MM-DD, not before min', () => {
    const schema = dateSchema({ min: '1900-01-01' });
    for (const v of ['1980-03-07', '1900-01-01', '2024-02-29', '2000-02-29', AS_OF]) expect(accepts(schema, v), v).toBe(true);
    for (const v of ['1899-12-31', '1980-3-7', '1980-02-30', '2023-02-29', '1900-02-29', '1980-13-01', '1980-00-10', '1980-03-07T00:00:00Z', '19800307', '', 19800307, null]) {
      expect(accepts(schema, v), String(v)).toBe(false);
    }
    expect(accepts(dateSchema({ min: '2020-01-01' }), '2019-12-31')).toBe(false);
  });

  it('knows a calendar date', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('1980-04-31')).toBe(false);
    expect(isCalendarDate('1980-3-7')).toBe(false);
  });
});

describe('idNumber', () => {
  const type = idNumber();
  const id = (input: string, asOf = AS_OF) => read(type, { idNumber: input }, asOf);

  it('describes itself', () => {
    expect(type.kind).toBe('idNumber');
    expect(type.fields).toEqual(['idNumber']);
    expect(type.allowsUnknown).toBe(false);
  });

  it('reads a synthetic number as itself', () => {
    expect(id(ID)).toEqual(valueOf(ID));
    expect(id(ID_WITH_X)).toEqual(valueOf(ID_WITH_X));
  });

  it('makes a lower-case x, and a full-width one, an X', () => {
    expect(id(ID_WITH_X.replace('X', 'x'))).toEqual(valueOf(ID_WITH_X));
    expect(id(ID_WITH_X.replace('X', 'ｘ'))).toEqual(valueOf(ID_WITH_X));
  });

  it('makes full-width digits half-width', () => {
    expect(id(fullWidth(ID))).toEqual(valueOf(ID));
    expect(id(fullWidth(ID_WITH_X.toLowerCase()))).toEqual(valueOf(ID_WITH_X));
  });

  it('removes the spaces and hyphens people type to group digits, the ideographic space included', () => {
    expect(id(`${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`)).toEqual(valueOf(ID));
    expect(id(`  ${ID.slice(0, 6)}-${ID.slice(6, 14)}-${ID.slice(14)}  `)).toEqual(valueOf(ID));
    expect(id(`${ID.slice(0, 6)}\u3000${ID.slice(6)}`)).toEqual(valueOf(ID));
    expect(id(`${ID.slice(0, 6)}－${ID.slice(6)}`)).toEqual(valueOf(ID));
  });

  it.each([
    ['nothing', 'empty', undefined],
    ['an empty field', 'empty', ''],
    ['spaces only', 'empty', ' \u3000 '],
    ['17 characters', 'length', ID.slice(0, 17)],
    ['19 characters', 'length', `${ID}1`],
    ['a short number', 'length', '12345'],
    ['a letter in the middle', 'characters', `${ID.slice(0, 10)}A${ID.slice(11)}`],
    ['an X not at the end', 'characters', `X${ID.slice(1)}`],
    ['a full stop', 'characters', `${ID.slice(0, 17)}.`],
    ['30 February', 'birthDate', syntheticId('19850230')],
    ['month 13', 'birthDate', syntheticId('19851301')],
    ['a birth date before 1900', 'birthDate', syntheticId('18991231')],
    ['29 February 1900', 'birthDate', syntheticId('19000229')],
    ['a birth date after asOf', 'birthDateFuture', syntheticId('20260602')],
    ['a wrong check character', 'checkCharacter', wrongCheck(ID)],
    ['a wrong check character where X is right', 'checkCharacter', `${ID_WITH_X.slice(0, 17)}0`],
  ] as const)('refuses %s: idNumber.%s', (_name, code, input) => {
    expect(read(type, input === undefined ? {} : { idNumber: input })).toEqual(errorOf(`idNumber.${code}`, 'idNumber'));
  });

  it('accepts a birth date of asOf itself, and 29 February in a leap year', () => {
    const born = syntheticId('20260601');
    expect(id(born)).toEqual(valueOf(born));
    const leap = syntheticId('20000229');
    expect(id(leap)).toEqual(valueOf(leap));
  });

  it('reads and points at the field it was given', () => {
    const guardian = idNumber('guardianId');
    expect(guardian.fields).toEqual(['guardianId']);
    expect(read(guardian, { guardianId: ID })).toEqual(valueOf(ID));
    expect(read(guardian, { idNumber: ID })).toEqual(errorOf('idNumber.empty', 'guardianId'));
    expect(guardian.toFields(ID)).toEqual({ guardianId: ID });
  });

  it('has a schema for the 18 characters as kept: digits and a capital X at the end', () => {
    expect(accepts(idNumberSchema(), ID)).toBe(true);
    expect(accepts(idNumberSchema(), ID_WITH_X)).toBe(true);
    for (const v of [ID_WITH_X.toLowerCase(), ID.slice(0, 17), `${ID}1`, `${ID.slice(0, 6)} ${ID.slice(6)}`, fullWidth(ID), 123]) {
      expect(accepts(idNumberSchema(), v), String(v)).toBe(false);
    }
  });
});

describe('certificateNumber', () => {
  const type = certificateNumber();
  const cert = (input: string, asOf = AS_OF) => read(type, { certificateNumber: input }, asOf);

  it('describes itself, with "I don\'t know" offered (as a skip)', () => {
    expect(type.kind).toBe('certificateNumber');
    expect(type.fields).toEqual(['certificateNumber']);
    expect(type.allowsUnknown).toBe(true);
  });

  it('reads what a 20-character number says: birth date, category and level', () => {
    expect(cert(`${ID}53`)).toEqual(valueOf({ birthDate: '1985-03-15', category: 'intellectual', level: 3, warnings: [] }));
    expect(cert(`${ID}11`)).toEqual(valueOf({ birthDate: '1985-03-15', category: 'visual', level: 1, warnings: [] }));
    expect(cert(`${ID}74`)).toEqual(valueOf({ birthDate: '1985-03-15', category: 'multiple', level: 4, warnings: [] }));
  });

  it('keeps the number itself out of the value', () => {
    const r = cert(`${ID}53`);
    expect(JSON.stringify(r)).not.toContain(ID);
  });

  it('reads an 18-character number (the ID alone) with a warning, and 21 or 22 characters with another', () => {
    expect(cert(ID)).toEqual(valueOf({ birthDate: '1985-03-15', warnings: ['noCategoryOrLevel'] }));
    expect(cert(`${ID}129`)).toEqual(valueOf({ birthDate: '1985-03-15', category: 'visual', level: 2, warnings: ['extraCharacters'] }));
    expect(cert(`${ID}1299`)).toEqual(valueOf({ birthDate: '1985-03-15', category: 'visual', level: 2, warnings: ['extraCharacters'] }));
  });

  it('accepts spaces, hyphens, full-width digits and a lower-case x', () => {
    const typed = `${ID_WITH_X.slice(0, 6)} ${ID_WITH_X.slice(6, 14)}-${ID_WITH_X.slice(14, 17)}x\u300042`;
    expect(cert(typed)).toEqual(valueOf({ birthDate: '1990-01-01', category: 'physical', level: 2, warnings: [] }));
    expect(cert(fullWidth(`${ID}53`))).toEqual(valueOf({ birthDate: '1985-03-15', category: 'intellectual', level: 3, warnings: [] }));
  });

  it('reads "skip" as "I don\'t know", whatever the number field holds', () => {
    expect(read(type, { action: 'skip' })).toEqual(DONT_KNOW_READ);
    expect(read(type, { action: 'skip', certificateNumber: 'rubbish' })).toEqual(DONT_KNOW_READ);
    expect(read(type, { action: 'skip', certificateNumber: `${ID}53` })).toEqual(DONT_KNOW_READ);
  });

  it('reads the number for any other action, and not the radio answer', () => {
    expect(read(type, { action: 'continue', certificateNumber: `${ID}53` })).toEqual(valueOf({ birthDate: '1985-03-15', category: 'intellectual', level: 3, warnings: [] }));
    expect(read(type, { answer: DONT_KNOW })).toEqual(errorOf('certificate.empty', 'certificateNumber'));
  });

  it.each([
    ['nothing', 'certificate.empty', undefined],
    ['spaces only', 'certificate.empty', '  \u3000'],
    ['too short', 'certificate.length', '12345'],
    ['17 characters', 'certificate.length', ID.slice(0, 17)],
    ['23 characters', 'certificate.length', `${ID}12345`],
    ['category digit 0', 'certificate.category', `${ID}02`],
    ['category digit 8', 'certificate.category', `${ID}82`],
    ['a letter for the category', 'certificate.category', `${ID}A2`],
    ['no level digit', 'certificate.level', `${ID}4`],
    ['level digit 0', 'certificate.level', `${ID}40`],
    ['level digit 5', 'certificate.level', `${ID}45`],
    ['a letter in the ID part', 'idNumber.characters', `${ID.slice(0, 14)}A${ID.slice(15)}42`],
    ['an impossible birth date', 'idNumber.birthDate', `${syntheticId('19850230')}42`],
    ['a birth date after asOf', 'idNumber.birthDateFuture', `${syntheticId('20260602')}42`],
    ['a wrong check character', 'idNumber.checkCharacter', `${wrongCheck(ID)}42`],
  ] as const)('refuses %s: %s', (_name, code, input) => {
    expect(read(type, input === undefined ? {} : { certificateNumber: input })).toEqual(errorOf(code, 'certificateNumber'));
    expect(readCertificate(input ?? '', AS_OF)).toEqual({ ok: false, code });
  });

  it('gives readCertificate’s reading without the number', () => {
    expect(readCertificate(`${ID}53`, AS_OF)).toEqual({ ok: true, value: { birthDate: '1985-03-15', category: 'intellectual', level: 3, warnings: [] } });
    const alone = readCertificate(ID, AS_OF);
    expect(alone).toEqual({ ok: true, value: { birthDate: '1985-03-15', warnings: ['noCategoryOrLevel'] } });
    expect(alone).not.toHaveProperty('value.category');
    expect(alone).not.toHaveProperty('value.level');
  });

  it('writes nothing back: the number is never kept', () => {
    expect(type.toFields({ birthDate: '1985-03-15', category: 'visual', level: 2, warnings: [] })).toEqual({});
  });

  it('has a schema for the number as text, checked when read', () => {
    expect(accepts(certificateNumberSchema(), `${ID}53`)).toBe(true);
    expect(accepts(certificateNumberSchema(), 123)).toBe(false);
  });
});

describe('phoneNumber', () => {
  const type = phoneNumber();
  const phone = (input: string) => read(type, { phone: input });

  it('describes itself', () => {
    expect(type.kind).toBe('phoneNumber');
    expect(type.fields).toEqual(['phone']);
    expect(type.allowsUnknown).toBe(false);
  });

  it.each([
    '13800138000',
    '138 0013 8000',
    '138-0013-8000',
    '138.0013.8000',
    '+8613800138000',
    '+86 138 0013 8000',
    '+86-138-0013-8000',
    '(+86) 138 0013 8000',
    '008613800138000',
    '0086 138 0013 8000',
    '１３８００１３８０００',
    '＋８６\u3000１３８\u3000００１３\u3000８０００',
    ' 13800138000 ',
  ])('keeps the mobile number %j as 13800138000', (input) => {
    expect(phone(input)).toEqual(valueOf('13800138000'));
  });

  it.each(['13', '14', '15', '16', '17', '18', '19'])('accepts a mobile number starting %s', (prefix) => {
    expect(phone(`${prefix}912345678`)).toEqual(valueOf(`${prefix}912345678`));
  });

  it.each([
    ['010-12345678', '010-12345678'],
    ['01012345678', '010-12345678'],
    ['(010) 1234 5678', '010-12345678'],
    ['（010）12345678', '010-12345678'],
    ['０１０－１２３４５６７８', '010-12345678'],
    ['021-87654321', '021-87654321'],
    ['020 8765 4321', '020-87654321'],
    ['0432 1234567', '0432-1234567'],
    ['0432-12345678', '0432-12345678'],
    ['04321234567', '0432-1234567'],
    ['0755-8765-4321', '0755-87654321'],
    ['+86 10 1234 5678', '010-12345678'],
    ['+86 010 1234 5678', '010-12345678'],
    ['+86-21-87654321', '021-87654321'],
    ['0086 432 1234567', '0432-1234567'],
    ['+86 (432) 1234567', '0432-1234567'],
  ])('keeps the landline %j as %s', (input, kept) => {
    expect(phone(input)).toEqual(valueOf(kept));
  });

  it.each([
    ['too short for a mobile', '1380013800'],
    ['too long for a mobile', '138001380001'],
    ['too short', '12345'],
    ['11 digits not a mobile (starting 12)', '12345678901'],
    ['11 digits not a mobile (starting 10)', '10012345678'],
    ['letters', '138oo138000'],
    ['only letters', 'phone'],
    ['12 digits starting 2', '212345678901'],
    ['a local number without its area code', '87654321'],
    ['an area code without its 0 and with no +86', '4321234567'],
    ['an area code too short', '01-12345678'],
    ['a landline number too short', '0432-123456'],
    ['a landline number too long', '0432-123456789'],
    ['a foreign number', '+1 212 555 0100'],
    ['+86 twice', '+86+8613800138000'],
    ['an extension', '0432-1234567 ext 12'],
    ['hyphens only', '---'],
  ])('refuses %s: %j', (_name, input) => {
    expect(phone(input)).toEqual(errorOf('phoneInvalid', 'phone'));
  });

  it('asks for a number when the field is empty or only spaces', () => {
    expect(read(type, {})).toEqual(errorOf('textRequired', 'phone'));
    expect(phone('')).toEqual(errorOf('textRequired', 'phone'));
    expect(phone(' \u3000 ')).toEqual(errorOf('textRequired', 'phone'));
  });

  it('reads and points at the field it was given', () => {
    const contact = phoneNumber('contactPhone');
    expect(read(contact, { contactPhone: '13800138000' })).toEqual(valueOf('13800138000'));
    expect(read(contact, { contactPhone: 'x' })).toEqual(errorOf('phoneInvalid', 'contactPhone'));
    expect(contact.toFields('010-12345678')).toEqual({ contactPhone: '010-12345678' });
  });

  it('normalisePhone gives the kept form, or undefined', () => {
    expect(normalisePhone('+86 10 1234 5678')).toBe('010-12345678');
    expect(normalisePhone('abc')).toBeUndefined();
  });

  it('has a schema for the kept forms only', () => {
    for (const v of ['13800138000', '010-12345678', '021-87654321', '0432-1234567', '0432-12345678']) expect(accepts(phoneNumberSchema(), v), v).toBe(true);
    for (const v of ['+8613800138000', '138 0013 8000', '138-0013-8000', '01012345678', '(010)12345678', '0101-2345678', '12345678901', '0432 1234567', '', 13800138000]) {
      expect(accepts(phoneNumberSchema(), v), String(v)).toBe(false);
    }
  });

  it('has a schema that accepts exactly what reads back as itself', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^(1\d{10}|0\d{2,3}-\d{6,9}|\d{7,12})$/), (s) => {
        expect(accepts(phoneNumberSchema(), s)).toBe(normalisePhone(s) === s);
      }),
    );
  });
});

describe('text answers', () => {
  describe('personName', () => {
    const type = personName();
    const name = (input: string) => read(type, { name: input });

    it('describes itself', () => {
      expect(type.kind).toBe('personName');
      expect(type.fields).toEqual(['name']);
      expect(type.allowsUnknown).toBe(false);
    });

    it('makes runs of white space one space, and trims, the ideographic space included', () => {
      expect(name('张三')).toEqual(valueOf('张三'));
      expect(name('  张三  ')).toEqual(valueOf('张三'));
      expect(name('\u3000张\u3000\u3000三\u3000')).toEqual(valueOf('张 三'));
      expect(name('Mary   Ann\tSmith')).toEqual(valueOf('Mary Ann Smith'));
      expect(name('Mary\r\nSmith')).toEqual(valueOf('Mary Smith'));
      expect(name('Mary\nSmith')).toEqual(valueOf('Mary Smith'));
    });

    it('keeps full-width punctuation and full-width characters as typed', () => {
      expect(name('阿依古丽·买买提')).toEqual(valueOf('阿依古丽·买买提'));
      expect(name('买买提・艾力')).toEqual(valueOf('买买提・艾力'));
      expect(name('张三（小名：三儿）')).toEqual(valueOf('张三（小名：三儿）'));
      expect(name('Ｍａｒｙ')).toEqual(valueOf('Ｍａｒｙ'));
      expect(name('Mary O’Brien-Smith')).toEqual(valueOf('Mary O’Brien-Smith'));
    });

    it('asks for a name when the field is empty or only spaces', () => {
      expect(read(type, {})).toEqual(errorOf('textRequired', 'name'));
      expect(name('')).toEqual(errorOf('textRequired', 'name'));
      expect(name(' \u3000\t\n')).toEqual(errorOf('textRequired', 'name'));
    });

    it.each([
      ['NUL', '\u0000'],
      ['BEL', '\u0007'],
      ['backspace', '\u0008'],
      ['escape', '\u001B'],
      ['unit separator', '\u001F'],
      ['DEL', '\u007F'],
      ['a C1 control (NEL)', '\u0085'],
      ['a C1 control (CSI)', '\u009B'],
    ])('refuses a control character, %s: textCharacters', (_name, c) => {
      expect(name(`张${c}三`)).toEqual(errorOf('textCharacters', 'name'));
      expect(name(c)).toEqual(errorOf('textCharacters', 'name'));
    });

    it('counts characters as code points: 50 Chinese characters or emoji fit, 51 do not', () => {
      expect(name('张'.repeat(50))).toEqual(valueOf('张'.repeat(50)));
      expect(name('张'.repeat(51))).toEqual(errorOf('textTooLong', 'name'));
      expect(name('😀'.repeat(50))).toEqual(valueOf('😀'.repeat(50)));
      expect(name('😀'.repeat(51))).toEqual(errorOf('textTooLong', 'name'));
      expect(name('𠀀'.repeat(50))).toEqual(valueOf('𠀀'.repeat(50)));
    });

    it('counts the tidied text: spaces at the ends and runs of spaces do not make it too long', () => {
      expect(name(`   ${'张'.repeat(50)}   `)).toEqual(valueOf('张'.repeat(50)));
      expect(name(`${'a'.repeat(24)}     ${'b'.repeat(25)}`)).toEqual(valueOf(`${'a'.repeat(24)} ${'b'.repeat(25)}`));
    });

    it('refuses control characters before length', () => {
      expect(name(`${'张'.repeat(60)}\u0000`)).toEqual(errorOf('textCharacters', 'name'));
    });

    it('reads and points at the field it was given', () => {
      const guardian = personName('guardianName');
      expect(read(guardian, { guardianName: ' 李四 ' })).toEqual(valueOf('李四'));
      expect(read(guardian, { name: '李四' })).toEqual(errorOf('textRequired', 'guardianName'));
      expect(guardian.toFields('李四')).toEqual({ guardianName: '李四' });
    });
  });

  describe('address', () => {
    const type = address();
    const addr = (input: string) => read(type, { address: input });

    it('describes itself', () => {
      expect(type.kind).toBe('address');
      expect(type.fields).toEqual(['address']);
    });

    it('tidies spaces and keeps the address on one line, with its full-width punctuation and digits', () => {
      expect(addr('  吉林省吉林市船营区　　北京路１号，３单元（东）  ')).toEqual(valueOf('吉林省吉林市船营区 北京路１号，３单元（东）'));
      expect(addr('吉林省吉林市\r\n船营区')).toEqual(valueOf('吉林省吉林市 船营区'));
    });

    it('allows 200 characters, not 201', () => {
      expect(addr('路'.repeat(200))).toEqual(valueOf('路'.repeat(200)));
      expect(addr('路'.repeat(201))).toEqual(errorOf('textTooLong', 'address'));
    });

    it('asks for an address, and refuses control characters', () => {
      expect(addr('')).toEqual(errorOf('textRequired', 'address'));
      expect(addr('北京路\u00001号')).toEqual(errorOf('textCharacters', 'address'));
    });
  });

  describe('freeText', () => {
    const type = freeText();
    const details = (input: string) => read(type, { details: input });

    it('describes itself', () => {
      expect(type.kind).toBe('freeText');
      expect(type.fields).toEqual(['details']);
    });

    it('reads an optional empty answer as ""', () => {
      expect(read(type, {})).toEqual(valueOf(''));
      expect(details('')).toEqual(valueOf(''));
      expect(details('  \u3000\n\r\n\t ')).toEqual(valueOf(''));
    });

    it('asks for an answer when it is not optional', () => {
      const required = freeText('reason', 500, false);
      expect(read(required, {})).toEqual(errorOf('textRequired', 'reason'));
      expect(read(required, { reason: ' \n ' })).toEqual(errorOf('textRequired', 'reason'));
      expect(read(required, { reason: '因为' })).toEqual(valueOf('因为'));
    });

    it('keeps line breaks, tidying each line and trimming blank lines at the ends', () => {
      expect(details('第一行\n第二行')).toEqual(valueOf('第一行\n第二行'));
      expect(details('\n\n  first   line  \n\u3000second\u3000line\u3000\n\n')).toEqual(valueOf('first line\nsecond line'));
      expect(details('a\n\nb')).toEqual(valueOf('a\n\nb'));
    });

    it('makes CRLF and a lone CR a line break', () => {
      expect(details('a\r\nb\r\nc')).toEqual(valueOf('a\nb\nc'));
      expect(details('a\rb')).toEqual(valueOf('a\nb'));
      expect(details('a\r\n\r\nb')).toEqual(valueOf('a\n\nb'));
    });

    it('keeps full-width punctuation', () => {
      expect(details('你好，我需要帮助。\n谢谢！')).toEqual(valueOf('你好，我需要帮助。\n谢谢！'));
    });

    it('refuses control characters, but not tabs (made spaces) or line breaks', () => {
      expect(details('a\u0007b')).toEqual(errorOf('textCharacters', 'details'));
      expect(details('a\u001Bb\nc')).toEqual(errorOf('textCharacters', 'details'));
      expect(details('a\tb\nc')).toEqual(valueOf('a b\nc'));
    });

    it('counts code points up to maxLength, line breaks included', () => {
      const short = freeText('details', 10);
      expect(read(short, { details: '一二三四五\n六七八九' })).toEqual(valueOf('一二三四五\n六七八九'));
      expect(read(short, { details: '一二三四五\n六七八九十' })).toEqual(errorOf('textTooLong', 'details'));
      expect(read(short, { details: '😀'.repeat(10) })).toEqual(valueOf('😀'.repeat(10)));
      expect(read(short, { details: '😀'.repeat(11) })).toEqual(errorOf('textTooLong', 'details'));
      expect(details('字'.repeat(2000))).toEqual(valueOf('字'.repeat(2000)));
      expect(details('字'.repeat(2001))).toEqual(errorOf('textTooLong', 'details'));
    });
  });

  describe('textSchema', () => {
    it('accepts text within the bounds', () => {
      expect(accepts(textSchema({ maxLength: 50 }), '张三')).toBe(true);
      expect(accepts(textSchema({ maxLength: 50 }), '😀'.repeat(50))).toBe(true);
      expect(accepts(textSchema({ maxLength: 10, optional: true, multiline: true }), '一\n二')).toBe(true);
    });

    it('refuses control characters, too many code points, and emptiness unless optional', () => {
      expect(accepts(textSchema({ maxLength: 50 }), '张\u0000三')).toBe(false);
      expect(accepts(textSchema({ maxLength: 50 }), '张\u0085三')).toBe(false);
      expect(accepts(textSchema({ maxLength: 50 }), '😀'.repeat(51))).toBe(false);
      expect(accepts(textSchema({ maxLength: 50 }), '')).toBe(false);
      expect(accepts(textSchema({ maxLength: 50 }), '  ')).toBe(false);
      expect(accepts(textSchema({ maxLength: 50, optional: true }), '')).toBe(true);
      expect(accepts(textSchema({ maxLength: 50 }), 12)).toBe(false);
    });
  });
});

describe('every answer type', () => {
  const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
  const isoDate = (min: string, max: string) =>
    fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const syntheticIds = fc
    .tuple(fc.stringMatching(/^[1-8]\d{5}$/), isoDate('1900-01-01', AS_OF), digits(3))
    .map(([region, birth, sequence]) => syntheticId(birth.replaceAll('-', ''), region, sequence));
  const keptPhones = fc.oneof(fc.stringMatching(/^1[3-9]\d{9}$/), fc.stringMatching(/^(010|02\d|0[3-9]\d\d)-\d{7,8}$/));
  const CATEGORIES = ['visual', 'hearing', 'speech', 'physical'] as const;
  /** Text as people might type it, white space and control characters among it. */
  const typed = fc.string({ unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom(' ', '\u3000', '\t', '\n', '\r', '\r\n', '，', '张', '😀')), maxLength: 60 });

  /** Each type with its saved values and its schema (certificateNumber keeps no fields, so is not here). */
  const TYPES: [string, AnswerType<any>, fc.Arbitrary<any>, z.ZodType][] = [
    ['yesNo', yesNo({ allowsUnknown: true }), fc.boolean(), yesNoSchema()],
    ['oneOf of strings', oneOf(['dibao', 'tekun', 'ordinary'], { allowsUnknown: true }), fc.constantFrom('dibao', 'tekun', 'ordinary'), oneOfSchema(['dibao', 'tekun', 'ordinary'])],
    ['oneOf of numbers', oneOf([1, 2, 3, 4], { allowsUnknown: false }), fc.constantFrom(1, 2, 3, 4), oneOfSchema([1, 2, 3, 4])],
    ['manyOf', manyOf(CATEGORIES, { allowsUnknown: true }), fc.subarray([...CATEGORIES]), manyOfSchema(CATEGORIES)],
    ['manyOf with max', manyOf(CATEGORIES, { allowsUnknown: false, max: 2 }), fc.subarray([...CATEGORIES], { maxLength: 2 }), manyOfSchema(CATEGORIES, 2)],
    ['date', date({ min: '1900-01-01' }), isoDate('1900-01-01', AS_OF), dateSchema({ min: '1900-01-01' })],
    ['idNumber', idNumber(), syntheticIds, idNumberSchema()],
    ['phoneNumber', phoneNumber(), keptPhones, phoneNumberSchema()],
  ];

  it.each(TYPES)('%s: reading the fields of a saved value gives the value back, and its schema accepts it', (_name, type, values, schema) => {
    fc.assert(
      fc.property(values, (v) => {
        expect(read(type, type.toFields(v))).toEqual(valueOf(v));
        expect(accepts(schema, v)).toBe(true);
      }),
    );
  });

  it.each([
    ['personName', personName(), { maxLength: 50 }],
    ['address', address(), { maxLength: 200 }],
    ['freeText', freeText('details', 40), { maxLength: 40, optional: true, multiline: true }],
  ] as const)('%s: whatever is typed, the value read reads back as itself, and its schema accepts it', (_name, type, bounds) => {
    const field = type.fields[0]!;
    fc.assert(
      fc.property(typed, (input) => {
        const r = read(type, { [field]: input });
        if (r.kind !== 'value') return;
        expect(read(type, type.toFields(r.value))).toEqual(r);
        expect(accepts(textSchema(bounds), r.value)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('phoneNumber: whatever is typed, a number read is in its kept form', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[+]?[\d ()\-]{5,20}$/), (input) => {
        const r = read(phoneNumber(), { phone: input });
        if (r.kind === 'value') {
          expect(accepts(phoneNumberSchema(), r.value)).toBe(true);
          expect(read(phoneNumber(), { phone: r.value })).toEqual(r);
        }
      }),
    );
  });

  /** The two subsidies' person page, for someone applying for themself. */
  const personPage = () => applicationJourney(twoSubsidies, ['jilin-city'], AS_OF).stepIn('person', { answers: {}, role: 'self' })!.answer;
  // A form that asks the ID number as well as (optionally) the certificate number.
  const childPersonPage = () => applicationJourney(formById('child-rehabilitation')!, ['jilin-city'], AS_OF).stepIn('person', { answers: {}, role: 'self' })!.answer;

  /** A read that gives each error code: every code can be given, and by one of these types. */
  const GIVES: Record<AnswerErrorCode, () => Read<unknown>> = {
    required: () => read(yesNo({ allowsUnknown: true }), {}),
    option: () => read(oneOf(['a', 'b'], { allowsUnknown: false }), { answer: 'c' }),
    tooMany: () => read(manyOf(['a', 'b', 'c'], { allowsUnknown: false, max: 1 }), { answer: ['a', 'b'] }),
    exclusive: () => read(manyOf(['a', 'b', 'c'], { allowsUnknown: false }), { answer: ['a', 'none'] }),
    dateRequired: () => read(date({ min: '1900-01-01' }), {}),
    dateInvalid: () => read(date({ min: '1900-01-01' }), { year: '2023', month: '2', day: '29' }),
    dateFuture: () => read(date({ min: '1900-01-01' }), { year: '2030', month: '1', day: '1' }),
    dateTooOld: () => read(date({ min: '1900-01-01' }), { year: '1899', month: '1', day: '1' }),
    textRequired: () => read(personName(), {}),
    textTooLong: () => read(personName(), { name: '张'.repeat(51) }),
    textCharacters: () => read(personName(), { name: '\u0000' }),
    phoneInvalid: () => read(phoneNumber(), { phone: '12345' }),
    // Given by an application's person page, which reads its answers together (domain/applications/journey.ts).
    certificateMismatch: () => read(childPersonPage(), { name: '王芳', idNumber: ID, certificateNumber: `${syntheticId('19600101')}42`, phone: '13800001234', address: '某街1号' }),
    childNeedsGuardian: () => read(personPage(), { name: '小明', idNumber: syntheticId('20200101'), certificateNumber: `${syntheticId('20200101')}42`, phone: '13800001234', address: '某街1号' }),
    'certificate.empty': () => read(certificateNumber(), {}),
    'certificate.length': () => read(certificateNumber(), { certificateNumber: '12345' }),
    'certificate.category': () => read(certificateNumber(), { certificateNumber: `${ID}82` }),
    'certificate.level': () => read(certificateNumber(), { certificateNumber: `${ID}45` }),
    'idNumber.empty': () => read(idNumber(), {}),
    'idNumber.length': () => read(idNumber(), { idNumber: '12345' }),
    'idNumber.characters': () => read(idNumber(), { idNumber: `${ID.slice(0, 10)}A${ID.slice(11)}` }),
    'idNumber.birthDate': () => read(idNumber(), { idNumber: syntheticId('19850230') }),
    'idNumber.birthDateFuture': () => read(idNumber(), { idNumber: syntheticId('20260602') }),
    'idNumber.checkCharacter': () => read(idNumber(), { idNumber: wrongCheck(ID) }),
  };
  const CODES = Object.keys(GIVES) as AnswerErrorCode[];

  it.each(CODES)('%s: is given by an answer type', (code) => {
    const r = GIVES[code]();
    expect(r.kind === 'error' && r.error.code).toBe(code);
  });

  it.each(CODES)('%s: has a message in Chinese and in English', (code) => {
    const key = answerMessageKey(code);
    expect((zh as Record<string, string>)[key], `zh-CN ${key}`).toEqual(expect.stringMatching(/\S/));
    expect((en as Record<string, string>)[key], `en ${key}`).toEqual(expect.stringMatching(/\S/));
  });

  it('names identity codes under identity.* and the rest under answers.error.*', () => {
    expect(answerMessageKey('required')).toBe('answers.error.required');
    expect(answerMessageKey('phoneInvalid')).toBe('answers.error.phoneInvalid');
    expect(answerMessageKey('certificate.level')).toBe('identity.certificate.level');
    expect(answerMessageKey('idNumber.checkCharacter')).toBe('identity.idNumber.checkCharacter');
  });
});

describe('a kept value read back by its type', () => {
  it('takes what the type would read from a page, tidied, and refuses the rest with the type’s code', () => {
    const ctx = { asOf: '2026-12-02' };
    expect(readKept(yesNo({ allowsUnknown: false }), true, ctx)).toEqual({ ok: true, value: true });
    expect(readKept(oneOf(['a', 'b'], { allowsUnknown: true }), 'dontKnow', ctx)).toEqual({ ok: true, value: 'dontKnow' });
    expect(readKept(oneOf(['a', 'b'], { allowsUnknown: false }), 'c', ctx)).toEqual({ ok: false, code: 'option' });
    expect(readKept(manyOf(['a', 'b'], { allowsUnknown: false }), ['b'], ctx)).toEqual({ ok: true, value: ['b'] });
    expect(readKept(manyOf(['a', 'b'], { allowsUnknown: false }), 'a', ctx)).toEqual({ ok: false, code: 'option' });
    expect(readKept(yesNo({ allowsUnknown: false }), 'maybe', ctx)).toEqual({ ok: false, code: 'option' });
    expect(readKept(yesNo({ allowsUnknown: false }), 'dontKnow', ctx)).toEqual({ ok: false, code: 'option' });
    expect(readKept(manyOf(['a', 'b'], { allowsUnknown: false }), 42, ctx)).toEqual({ ok: false, code: 'option' });
    expect(readKept(personName('name'), '  王  建国 ', ctx)).toEqual({ ok: true, value: '王 建国' });
    expect(readKept(personName('name'), '', ctx)).toEqual({ ok: false, code: 'textRequired' });
  });
});
