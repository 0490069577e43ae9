/**
 * 第二代残疾人证号码 Disability certificate numbers: normally the holder's 18-character resident
 * ID number + one digit for the category (1-7) + one for the level (1-4). Public descriptions
 * disagree at the edges (POLICY-BRIEF.md: one says the 20-character form is for a first issue,
 * one sample shows 21 characters), so the ID part is checked strictly and the rest softly: an
 * unusual but plausible number is accepted with a warning, and the person confirms the category
 * and level that were read from it.
 */
import { normalise, parseIdNumber, type IdNumberError, type Result } from './id-number';

/** 残疾类别 Categories by their digit on the certificate. */
export const DISABILITY_CATEGORIES = ['visual', 'hearing', 'speech', 'physical', 'intellectual', 'psychosocial', 'multiple'] as const;
export type DisabilityCategory = (typeof DISABILITY_CATEGORIES)[number];
/** 残疾等级 1 (most severe) to 4. */
export type DisabilityLevel = 1 | 2 | 3 | 4;

/** Why a certificate number was refused; messages under `identity.certificate.<code>`. */
export type CertificateError = 'empty' | 'length' | 'category' | 'level' | { idNumber: IdNumberError };

/** Something unusual but plausible, for the person to check; messages under `identity.certificateWarning.<code>`. */
export type CertificateWarning = 'extraCharacters' | 'noCategoryOrLevel';

export interface CertificateNumber {
  value: string;
  idNumber: string;
  birthDate: string;
  /** Read from the 19th character; absent when the number has none. */
  category?: DisabilityCategory;
  /** Read from the 20th character; absent when the number has none. */
  level?: DisabilityLevel;
  warnings: CertificateWarning[];
}

export function parseCertificateNumber(input: string, asOf: string): Result<CertificateNumber, CertificateError> {
  const value = normalise(input);
  if (!value) return { ok: false, error: 'empty' };
  if (value.length < 18 || value.length > 22) return { ok: false, error: 'length' };
  const id = parseIdNumber(value.slice(0, 18), asOf);
  if (!id.ok) return { ok: false, error: { idNumber: id.error } };
  const base = { value, idNumber: id.value.value, birthDate: id.value.birthDate };
  if (value.length === 18) return { ok: true, value: { ...base, warnings: ['noCategoryOrLevel'] } };
  const categoryDigit = Number(value[18]);
  if (!/^[1-7]$/.test(value[18]!)) return { ok: false, error: 'category' };
  if (value.length === 19 || !/^[1-4]$/.test(value[19]!)) return { ok: false, error: 'level' };
  const warnings: CertificateWarning[] = value.length > 20 ? ['extraCharacters'] : [];
  return {
    ok: true,
    value: { ...base, category: DISABILITY_CATEGORIES[categoryDigit - 1]!, level: Number(value[19]) as DisabilityLevel, warnings },
  };
}
