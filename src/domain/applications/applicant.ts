/**
 * 申请人 The person the application is for, and 代办人 the one filling it in for them: the
 * details every form asks (issue 11 point 3), as questions read by their answer types. The JSON
 * schema of each detail (schemas.ts) runs the same answer type on the string, so the pages and the
 * API accept and tidy exactly the same input (a phone number typed with spaces is kept as digits
 * on both).
 * Pure.
 */
import { address, idNumber, personName, phoneNumber, type AnswerErrorCode, type AnswerType } from '../answers';
import { parseCertificateNumber } from '../identity';
import type { Text } from '../eligibility/criteria';
import { error, value } from '../answers/answer-type';
import type { FormQuestion } from './form';
import { SUBMITTER_ROLES, type SubmitterRole } from './submitter';

/** 残疾人证号码, kept (unlike the self-check's, which is only read): the number in its tidy form. */
export const certificateNumberKept = (field = 'certificateNumber', optional = false): AnswerType<string> => ({
  kind: 'certificateNumberKept',
  fields: [field],
  allowsUnknown: false,
  read(fields, { asOf }) {
    const typed = fields.get(field) ?? '';
    if (optional && !typed.trim()) return error('required', field);
    const parsed = parseCertificateNumber(typed, asOf);
    if (parsed.ok) return value(parsed.value.value);
    return error((typeof parsed.error === 'string' ? `certificate.${parsed.error}` : `idNumber.${parsed.error.idNumber}`) as AnswerErrorCode, field);
  },
  toFields: (v) => ({ [field]: v }),
});

/** Age in whole years on `asOf` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, asOf: string): number {
  const years = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return asOf.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** The person's details. */
export interface PersonDetails {
  name: string;
  idNumber: string;
  certificateNumber?: string;
  /** The person's own phone, to receive every notice; optional when someone applies for them. */
  phone?: string;
  address: string;
}

/** The details of the one applying for the person. */
export interface SubmitterDetails {
  name: string;
  relationship: Exclude<SubmitterRole, 'self'>;
  phone: string;
  idNumber: string;
}

const q = (id: string, answer: AnswerType<unknown>, label: Text, hint?: Text, optional = false): FormQuestion => ({
  id,
  answer,
  label,
  ...(hint && { hint }),
  ...(optional && { optional }),
});

/** The person's ID number: its own box, or taken from the certificate number (whose first 18 characters it is). */
export const idNumberQuestion = (theirs: boolean, optional: boolean): FormQuestion =>
  q(
    'idNumber',
    idNumber('idNumber'),
    optional
      ? theirs
        ? { zh: '残疾人的身份证号码（没有残疾人证号码时填）', en: 'The disabled person’s ID number (if there is no certificate number)' }
        : { zh: '你的身份证号码（没有残疾人证号码时填）', en: 'Your ID number (if you have no certificate number)' }
      : theirs
        ? { zh: '残疾人的身份证号码', en: 'The disabled person’s ID number' }
        : { zh: '你的身份证号码', en: 'Your ID number' },
    optional
      ? { zh: '18位，最后一位可能是X。填了残疾人证号码的不用再填：它的前18位就是身份证号码。', en: '18 characters; the last may be X. Not needed if you gave the certificate number: its first 18 characters are the ID number.' }
      : { zh: '18位，最后一位可能是X。', en: '18 characters; the last may be X.' },
    optional,
  );

/**
 * The person's details page; `forSomeoneElse` words it for a helper and makes the person's phone
 * optional. The certificate number comes first and the ID number is never asked twice (WCAG
 * 3.3.7): where the form needs the certificate the ID number is taken from it, and elsewhere its
 * box is only for someone without one (`personIdNumber`).
 */
export function personQuestions(options: { requiresCertificate: boolean; forSomeoneElse: boolean }): FormQuestion[] {
  const theirs = options.forSomeoneElse;
  return [
    q('name', personName('name'), theirs ? { zh: '残疾人的姓名', en: 'The disabled person’s full name' } : { zh: '你的姓名', en: 'Your full name' }, {
      zh: '和身份证上的一样。',
      en: 'As on the ID card.',
    }),
    q(
      'certificateNumber',
      certificateNumberKept('certificateNumber', !options.requiresCertificate),
      options.requiresCertificate
        ? { zh: '残疾人证号码', en: 'Disability certificate number' }
        : {
            zh: '残疾人证号码（选填）',
            en: 'Disability certificate number (optional)',
          },
      {
        zh: '在残疾人证上，一般是20位：身份证号码加两位数字。',
        en: 'On the certificate, usually 20 characters: the ID number and two more digits.',
      },
      !options.requiresCertificate,
    ),
    ...(options.requiresCertificate ? [] : [idNumberQuestion(theirs, true)]),
    q(
      'phone',
      phoneNumber('phone'),
      theirs
        ? {
            zh: '残疾人本人的电话（选填）',
            en: 'The disabled person’s own phone number (optional)',
          }
        : { zh: '你的电话', en: 'Your phone number' },
      theirs
        ? {
            zh: '填了的话，每一条通知也会发给他或她本人。',
            en: 'If you give it, every notice is sent to them as well.',
          }
        : {
            zh: '手机号码或带区号的固定电话。申请的每一条通知都会发到这里。',
            en: 'A mobile or a landline with its area code. Every notice about the application goes here.',
          },
      theirs,
    ),
    q('address', address('address'), theirs ? { zh: '残疾人的住址', en: 'The disabled person’s address' } : { zh: '你的住址', en: 'Your address' }, {
      zh: '现在住的地方，写到门牌号。',
      en: 'Where the person lives now, down to the door number.',
    }),
  ];
}

/**
 * The person's ID number from the details read: the one typed, else the certificate number's
 * first 18 characters; `mismatch` when both are given and differ, `missing` when neither is.
 */
export function personIdNumber(details: { idNumber?: unknown; certificateNumber?: unknown }): { ok: true; idNumber: string } | { ok: false; problem: 'mismatch' | 'missing' } {
  const id = typeof details.idNumber === 'string' ? details.idNumber : undefined;
  const certificate = typeof details.certificateNumber === 'string' ? details.certificateNumber : undefined;
  if (id && certificate && certificate.slice(0, 18) !== id) return { ok: false, problem: 'mismatch' };
  if (id) return { ok: true, idNumber: id };
  if (certificate) return { ok: true, idNumber: certificate.slice(0, 18) };
  return { ok: false, problem: 'missing' };
}

/** The submitter's details page (whenever it is not the person). */
export const submitterQuestions = (): FormQuestion[] => [
  q('submitterName', personName('submitterName'), {
    zh: '你的姓名',
    en: 'Your full name',
  }),
  q('submitterIdNumber', idNumber('submitterIdNumber'), {
    zh: '你的身份证号码',
    en: 'Your ID number',
  }),
  q(
    'submitterPhone',
    phoneNumber('submitterPhone'),
    { zh: '你的电话', en: 'Your phone number' },
    {
      zh: '申请的每一条通知都会发到这里。',
      en: 'Every notice about the application goes here.',
    },
  ),
];

/** The roles someone applying for the person may have (everyone but the person). */
export const HELPER_ROLES = SUBMITTER_ROLES.filter((r): r is Exclude<SubmitterRole, 'self'> => r !== 'self');
