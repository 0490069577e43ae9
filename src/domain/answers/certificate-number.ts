/**
 * 残疾人证号码 A disability certificate number, posted as `certificateNumber`. Its value is what
 * the number says (birth date, and category and level where it has them, with any warnings),
 * never the number itself, which is not kept. `action=skip` ("answer the questions instead")
 * reads as "I don't know".
 */
import { z } from 'zod';
import { parseCertificateNumber, type CertificateWarning, type DisabilityCategory, type DisabilityLevel } from '../identity';
import { dontKnow, error, value, type AnswerType } from './answer-type';

/** What a certificate number says, for the person to confirm. */
export interface CertificateReading {
  birthDate: string;
  category?: DisabilityCategory;
  level?: DisabilityLevel;
  warnings: CertificateWarning[];
}

/** What a certificate number says, or the error code of the first thing wrong with it. */
export function readCertificate(input: string, asOf: string): { ok: true; value: CertificateReading } | { ok: false; code: `certificate.${string}` | `idNumber.${string}` } {
  const parsed = parseCertificateNumber(input, asOf);
  if (!parsed.ok) return { ok: false, code: typeof parsed.error === 'string' ? `certificate.${parsed.error}` : `idNumber.${parsed.error.idNumber}` };
  const { birthDate, category, level, warnings } = parsed.value;
  return { ok: true, value: { birthDate, ...(category && { category }), ...(level && { level }), warnings } };
}

export const certificateNumber = (): AnswerType<CertificateReading> => ({
  kind: 'certificateNumber',
  fields: ['certificateNumber'],
  allowsUnknown: true,
  read(fields, { asOf }) {
    if (fields.get('action') === 'skip') return dontKnow();
    const read = readCertificate(fields.get('certificateNumber') ?? '', asOf);
    return read.ok ? value(read.value) : error(read.code as never, 'certificateNumber');
  },
  // The number is never kept, so there is nothing to show again.
  toFields: () => ({}),
});

/** The number as JSON: text, checked when read (the API lists what is wrong with it). */
export const certificateNumberSchema = () => z.string();
