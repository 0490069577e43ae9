/**
 * The words of an application's pages, from the domain's own (the forms' questions and options
 * carry both languages) and the UI strings: a question's label and choices, an error's message,
 * an answer as check your answers shows it.
 */
import { DONT_KNOW, type AnswerErrorCode } from '../../domain/answers';
import type { FormQuestion } from '../../domain/applications/form';
import type { Text } from '../../domain/eligibility';
import { answerMessage } from '../../i18n/answer-messages';
import { useTranslations, type Lang, type UiKey } from '../../i18n';
import type { PageError } from '../../server/applications/step-page';

export const word = (lang: Lang, text: Text): string => (lang === 'en' ? text.en : text.zh);

/** The choices of a question, worded. */
export const choicesOf = (lang: Lang, q: FormQuestion) => (q.options ?? []).map((o) => ({ value: o.value, label: word(lang, o.label), ...(o.hint && { hint: word(lang, o.hint) }) }));

/** An error's message. */
export function errorMessage(lang: Lang, error: PageError): string {
  const t = useTranslations(lang);
  if (error.kind === 'origin') return t('check.error.origin');
  if (error.kind === 'upload') return t(`apply.upload.${error.code}` as UiKey);
  // The pages' own wording where a code's general message does not fit (`apply.error.<code>`).
  return answerMessage(lang, error.code as AnswerErrorCode, 'apply');
}

/** Where the error summary's link goes: the field, or its first choice. */
export const errorHref = (error: PageError, q?: FormQuestion) => `#${error.kind !== 'upload' && q && ['yesNo', 'oneOf', 'manyOf'].includes(q.answer.kind) ? `${error.field}-0` : error.field}`;

/** An answer as check your answers shows it. */
export function answerText(lang: Lang, q: FormQuestion, value: unknown): string {
  const t = useTranslations(lang);
  if (value === undefined || value === '') return t('apply.check.notGiven');
  if (value === DONT_KNOW) return t('check.dontKnow');
  if (typeof value === 'boolean') return value ? t('check.yes') : t('check.no');
  const option = (v: unknown) => {
    const o = q.options?.find((x) => x.value === String(v));
    return o ? word(lang, o.label) : String(v);
  };
  if (Array.isArray(value)) return value.map(option).join(t('punctuation.listSeparator'));
  return q.options ? option(value) : String(value);
}

/** How a text box is filled in: the browser's autofill token, the keyboard, its width. */
export function textBox(id: string, forSomeoneElse: boolean): { autocomplete: string; inputmode: 'text' | 'numeric' | 'tel'; width?: number } {
  switch (id) {
    case 'name':
      return { autocomplete: forSomeoneElse ? 'off' : 'name', inputmode: 'text', width: 20 };
    case 'submitterName':
      return { autocomplete: 'name', inputmode: 'text', width: 20 };
    case 'phone':
      return { autocomplete: forSomeoneElse ? 'off' : 'tel', inputmode: 'tel', width: 16 };
    case 'submitterPhone':
      return { autocomplete: 'tel', inputmode: 'tel', width: 16 };
    case 'address':
      return { autocomplete: forSomeoneElse ? 'off' : 'address-line1', inputmode: 'text' };
    case 'idNumber':
    case 'submitterIdNumber':
      return { autocomplete: 'off', inputmode: 'text', width: 20 };
    case 'certificateNumber':
      return { autocomplete: 'off', inputmode: 'text', width: 24 };
    default:
      return { autocomplete: 'off', inputmode: 'text' };
  }
}
