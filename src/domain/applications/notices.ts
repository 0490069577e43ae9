/**
 * 办理通知 What the applicant is told when their application changes (issue 13 point 7): the text
 * of an SMS and of an email, each in Chinese and English, and an easy-read version, for every
 * change of status and for a request for information. The server stores these in the
 * notifications outbox in the same transaction as the change (server/outbox).
 *
 * A notice goes over a carrier and into mailboxes others may read, so it holds no personal data
 * and no health data: not the person's name, not the service applied for, not a refusal's reason.
 * It gives the reference, what happened and where to read the rest: the status page, reached
 * with the reference and the access code. Pure.
 */
import type { Text } from '../eligibility/criteria';
import type { PersonDetails, SubmitterDetails } from './applicant';
import { OFFICE_WORDS, type Office } from './status.ts';

export const NOTICE_KINDS = ['submitted', 'accepted', 'reviewed', 'approved', 'refused', 'informationRequested', 'withdrawn'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export type Language = 'zh' | 'en';

/** One message's words: an SMS, an email, and the easy-read version, each in both languages. */
export interface NoticeText {
  sms: Text;
  email: { subject: Text; body: Text };
  easyRead: Text;
}

/** Who receives a notice: a phone number, in the language the application was made in. */
export interface Recipient {
  channel: 'sms';
  address: string;
  language: Language;
}

/** A notice to store in the outbox: its words and who gets them. */
export interface Notice {
  kind: NoticeKind;
  applicationId: string;
  text: NoticeText;
  recipients: readonly Recipient[];
}

export interface NoticeFacts {
  reference: string;
  /** The office holding the case after the change. */
  office: Office;
  /** A request's due date, YYYY-MM-DD. */
  due?: string;
}

const TRACK: Text = { zh: '“查询申请进度”', en: '“Follow an application”' };
const SIGN = { zh: '【同行】', en: '[Tongxing] ' };

/** The change in a sentence, and the same in easy-read words (short sentences, one idea each). */
function what(kind: NoticeKind, facts: NoticeFacts): { plain: Text; easy: Text; subject: Text } {
  const office = OFFICE_WORDS[facts.office];
  switch (kind) {
    case 'submitted':
      return {
        subject: { zh: '申请已提交', en: 'Your application has been sent' },
        plain: { zh: `你的申请已提交，申请编号 ${facts.reference}。下一步由${office.zh}受理。`, en: `Your application has been sent. Its reference is ${facts.reference}. ${office.en} will accept it next.` },
        easy: { zh: `我们收到了你的申请。申请编号是 ${facts.reference}。请保存好这个编号。`, en: `We have your application. Its number is ${facts.reference}. Keep this number.` },
      };
    case 'accepted':
      return {
        subject: { zh: '申请已受理', en: 'Your application has been accepted' },
        plain: { zh: `你的申请（编号 ${facts.reference}）已受理，现在由${office.zh}审核。`, en: `Your application (reference ${facts.reference}) has been accepted. ${office.en} is checking it now.` },
        easy: { zh: `你的申请（编号 ${facts.reference}）已经受理。工作人员正在看你的申请。`, en: `Your application (number ${facts.reference}) has been accepted. Staff are looking at it now.` },
      };
    case 'reviewed':
      return {
        subject: { zh: '残联已审核你的申请', en: 'The DPF has checked your application' },
        plain: { zh: `残联已审核你的申请（编号 ${facts.reference}），现在等待${office.zh}决定。`, en: `The DPF has checked your application (reference ${facts.reference}). It now waits for the decision of ${lower(office.en)}.` },
        easy: { zh: `残联看完了你的申请（编号 ${facts.reference}）。下一步：民政部门做决定。`, en: `The DPF has checked your application (number ${facts.reference}). Next, the civil affairs bureau decides.` },
      };
    case 'approved':
      return {
        subject: { zh: '申请已批准', en: 'Your application has been approved' },
        plain: { zh: `你的申请（编号 ${facts.reference}）已批准。`, en: `Your application (reference ${facts.reference}) has been approved.` },
        easy: { zh: `好消息：你的申请（编号 ${facts.reference}）批准了。`, en: `Good news: your application (number ${facts.reference}) is approved.` },
      };
    case 'refused':
      return {
        subject: { zh: '申请的决定', en: 'A decision on your application' },
        plain: {
          zh: `你的申请（编号 ${facts.reference}）未批准。原因和不服决定时怎样申请复核，请在进度页面查看。`,
          en: `Your application (reference ${facts.reference}) has not been approved. The status page gives the reason, and how to challenge the decision.`,
        },
        easy: {
          zh: `你的申请（编号 ${facts.reference}）没有批准。进度页面上写了原因。如果你不同意，可以要求重新看。进度页面告诉你怎么做。`,
          en: `Your application (number ${facts.reference}) is not approved. The status page says why. If you do not agree, you can ask for it to be looked at again. The status page says how.`,
        },
      };
    case 'informationRequested':
      return {
        subject: { zh: '请补充材料', en: 'Please send more information' },
        plain: {
          zh: `${office.zh}请你为申请（编号 ${facts.reference}）补充材料，请在 ${facts.due ?? ''} 前答复。需要什么，请在进度页面查看，也在那里答复。`,
          en: `${office.en} asks you for more information about your application (reference ${facts.reference}), by ${facts.due ?? ''}. The status page says what is needed, and you can answer there.`,
        },
        easy: {
          zh: `你的申请（编号 ${facts.reference}）还需要一些材料。请在 ${facts.due ?? ''} 前答复。进度页面写了需要什么。`,
          en: `Your application (number ${facts.reference}) needs something more from you. Please answer by ${facts.due ?? ''}. The status page says what is needed.`,
        },
      };
    case 'withdrawn':
      return {
        subject: { zh: '申请已撤回', en: 'Your application has been withdrawn' },
        plain: { zh: `你的申请（编号 ${facts.reference}）已撤回。如果需要，你可以重新申请。`, en: `Your application (reference ${facts.reference}) has been withdrawn. You can apply again if you need to.` },
        easy: { zh: `你的申请（编号 ${facts.reference}）已经撤回。你想要的话，可以再申请。`, en: `Your application (number ${facts.reference}) is withdrawn. You can apply again if you want.` },
      };
  }
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The words of a notice, for every channel and language. */
export function noticeText(kind: NoticeKind, facts: NoticeFacts): NoticeText {
  const { plain, easy, subject } = what(kind, facts);
  const where: Text = {
    zh: `用申请编号和查询码在同行网站${TRACK.zh}页面查看详情。`,
    en: `See the details on Tongxing’s ${TRACK.en} page, with the reference and your access code.`,
  };
  return {
    sms: { zh: `${SIGN.zh}${plain.zh}${where.zh}`, en: `${SIGN.en}${plain.en} ${where.en}` },
    email: {
      subject: { zh: `${SIGN.zh}${subject.zh}（${facts.reference}）`, en: `${SIGN.en}${subject.en} (${facts.reference})` },
      body: {
        zh: `${plain.zh}\n\n${where.zh}\n\n有问题可以拨打 12385 残疾人服务热线，或问当地残联。这是自动发送的通知，请不要回复。`,
        en: `${plain.en}\n\n${where.en}\n\nFor questions, call the 12385 disability service hotline or ask the local DPF. This notice is sent automatically; please do not reply to it.`,
      },
    },
    easyRead: { zh: `${SIGN.zh}${easy.zh}`, en: `${SIGN.en}${easy.en}` },
  };
}

/**
 * Who is told: the person's own phone and, when someone applies for them, that person's phone
 * too (each number once), in the language the application was made in.
 */
export function recipientsOf(data: { person: Pick<PersonDetails, 'phone'> | Record<string, unknown>; submitter: Pick<SubmitterDetails, 'phone'> | Record<string, unknown> | null; language?: string }): Recipient[] {
  const language: Language = data.language === 'en' ? 'en' : 'zh';
  const phones = [data.person.phone, data.submitter?.phone].filter((p): p is string => typeof p === 'string' && p !== '');
  return [...new Set(phones)].map((address) => ({ channel: 'sms', address, language }));
}

/** The notice a move gives, if any: a reply is the applicant's own doing and tells them nothing new. */
export function noticeKindOf(action: string, to: string): NoticeKind | undefined {
  if (action === 'requestInformation') return 'informationRequested';
  if (action === 'reply') return undefined;
  return (NOTICE_KINDS as readonly string[]).includes(to) ? (to as NoticeKind) : undefined;
}

/** A masked phone number, as staff lists show it: `138****5678`. */
export const maskPhone = (phone: string): string => (phone.length <= 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`);
