/** 居民身份证号码 A resident ID number, posted as `idNumber`; checked by `domain/identity`. */
import { z } from 'zod';
import { parseIdNumber } from '../identity';
import { error, value, type AnswerType } from './answer-type';

export const idNumber = (field = 'idNumber'): AnswerType<string> => ({
  kind: 'idNumber',
  fields: [field],
  allowsUnknown: false,
  read(fields, { asOf }) {
    const parsed = parseIdNumber(fields.get(field) ?? '', asOf);
    return parsed.ok ? value(parsed.value.value) : error(`idNumber.${parsed.error}`, field);
  },
  toFields: (v) => ({ [field]: v }),
});

/** The value as JSON: the 18 characters, check character included (checked when read). */
export const idNumberSchema = () => z.string().regex(/^\d{17}[\dX]$/);
