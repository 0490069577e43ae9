/**
 * The message for an answer's error code: one text per code in each language, in the UI
 * strings, used by the pages, the island and the API alike. A question may word a code its own
 * way under `<scope>.error.<code>` (the birth date's "请填写出生日期" rather than the general
 * "请填写日期"); otherwise the answer type's general message applies.
 */
import { answerMessageKey, type AnswerErrorCode } from '../domain/answers/answer-type';
import { hasKey, inBoth, useTranslations, type Lang, type UiKey } from './index';

/** The key of the message for `code`, the scope's own wording first. */
export function answerMessageKeyIn(code: AnswerErrorCode, scope?: string): UiKey {
  const own = scope && `${scope}.error.${code}`;
  if (own && hasKey(own)) return own;
  const key = answerMessageKey(code);
  if (!hasKey(key)) throw new Error(`No message for answer error "${code}"`);
  return key;
}

/** The message for `code` in `lang`. */
export const answerMessage = (lang: Lang, code: AnswerErrorCode, scope?: string): string => useTranslations(lang)(answerMessageKeyIn(code, scope));

/** The message for `code` in both languages (the API's problems). */
export const answerMessageBoth = (code: AnswerErrorCode, scope?: string) => inBoth(answerMessageKeyIn(code, scope));
