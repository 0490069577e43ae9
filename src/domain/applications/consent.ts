/**
 * 同意 Consent, per purpose (issue 11 point 6), apart from the privacy notice. The purpose the
 * application needs says its legal basis and what refusing means; an optional purpose can be
 * refused with no effect on the application. Each record keeps the wording's version, the
 * purpose, who consented and when (the caller adds the time). Pure.
 *
 * 个人信息保护法: disability and health are sensitive (第二十八条); sensitive data needs separate
 * consent (第二十九条), after being told why it is needed and how it affects the person
 * (第三十条); a guardian consents for a child under 14 (第三十一条).
 */
import type { Text } from '../eligibility';

/** The wording's version: a record says which words the person agreed to. Change it with the words. */
export const CONSENT_VERSION = '2026-12-02';

export const CONSENT_PURPOSES = ['sensitiveData', 'otherServices'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export interface PurposeWording {
  /** Whether the application can go ahead without it. */
  required: boolean;
  /** A short name for it: the question's legend. */
  title: Text;
  /** What the data is used for, and why it is needed (第三十条). */
  purpose: Text;
  /** What it rests on in law. */
  basis: Text;
  /** What refusing means. */
  ifRefused: Text;
}

export const CONSENT_WORDING: Record<ConsentPurpose, PurposeWording> = {
  sensitiveData: {
    required: true,
    title: { zh: '同意处理残疾和健康信息吗？', en: 'Do you agree to the use of disability and health information?' },
    purpose: {
      zh: '申请需要用到残疾人的残疾和健康信息（例如残疾人证、残疾类别和等级、照护需要）。工作人员只用这些信息审核和决定这份申请，不作别的用途。',
      en: 'The application needs the disabled person’s disability and health information (such as the certificate, the category and level of disability, and care needs). Staff use it only to review and decide this application, for nothing else.',
    },
    basis: {
      zh: '残疾和健康信息属于敏感个人信息，处理前需要你单独同意（《中华人民共和国个人信息保护法》第二十八条、第二十九条）。',
      en: 'Disability and health information is sensitive personal information, which needs your separate consent (Personal Information Protection Law, Articles 28 and 29).',
    },
    ifRefused: {
      zh: '不同意的话，不能在网上提交这份申请。你仍然可以到受理窗口当面申请，或者拨打12385问一问。',
      en: 'If you do not agree, this application cannot be sent online. You can still apply in person at the office, or call 12385 to ask.',
    },
  },
  otherServices: {
    required: false,
    title: { zh: '同意我们告诉你其他可能申请的服务吗？', en: 'Do you agree to be told about other services?' },
    purpose: {
      zh: '用这份申请里的信息，告诉你还可能申请的其他服务。',
      en: 'Use the information in this application to tell you about other services you may be able to get.',
    },
    basis: {
      zh: '你的同意，可以随时撤回。',
      en: 'Your consent, which you can withdraw at any time.',
    },
    ifRefused: {
      zh: '不同意也不影响这份申请。',
      en: 'Saying no has no effect on this application.',
    },
  },
};

/** What the person answered for each purpose. */
export type ConsentAnswers = Record<ConsentPurpose, boolean>;

/** The purposes without which the application cannot be sent, that were refused. */
export const refusedRequired = (answers: Partial<ConsentAnswers>): ConsentPurpose[] => CONSENT_PURPOSES.filter((p) => CONSENT_WORDING[p].required && answers[p] !== true);

/** A consent as recorded: the caller adds the time. */
export interface ConsentRecord {
  purpose: ConsentPurpose;
  granted: boolean;
  version: string;
  /** Who gave it: the person, or their guardian for a child under 14. */
  givenBy: 'person' | 'guardian';
}

export const consentRecords = (answers: ConsentAnswers, givenBy: 'person' | 'guardian'): ConsentRecord[] =>
  CONSENT_PURPOSES.map((purpose) => ({
    purpose,
    granted: answers[purpose],
    version: CONSENT_VERSION,
    givenBy,
  }));

/** 声明 The declaration the submitter makes: what they wrote is true, to their knowledge. */
export const DECLARATION: Text = {
  zh: '我确认，这份申请里填写的内容和上传的材料真实、完整。',
  en: 'I confirm that what this application says, and the documents uploaded with it, are true and complete.',
};
