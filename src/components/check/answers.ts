/**
 * The self-check's answers in words, for the summary, the results and the confirmation page.
 */
import type { Answers, Question, QuestionId, Text } from '../../domain/eligibility';
import { question } from '../../domain/eligibility';
import type { CheckState } from '../../domain/eligibility/self-check';
import { useTranslations, type Lang } from '../../i18n';

export const say = (lang: Lang, text: Text): string => (lang === 'en' ? text.en : text.zh);

/** A date as the person's language writes it: 1980年3月7日 / 7 March 1980. */
export const formatDate = (lang: Lang, iso: string): string =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.parse(`${iso}T00:00:00Z`));

export function optionLabel(lang: Lang, q: Question, value: string): string {
  const t = useTranslations(lang);
  if (q.answer.kind === 'yesNo') return t(value === 'true' ? 'check.yes' : 'check.no');
  const option = q.options?.find((o) => o.value === value);
  return option ? say(lang, option.label) : value;
}

/** The answer to one question in words, or undefined when it was neither answered nor skipped. */
export function answerText(lang: Lang, state: CheckState, id: QuestionId): string | undefined {
  const t = useTranslations(lang);
  const q = question(id)!;
  if (id === 'certificateNumber') {
    if (state.certificateRead) return t('check.summary.certificateRead');
    return state.skipped.includes(id) ? t('check.summary.certificateSkipped') : undefined;
  }
  const value = state.answers[id as keyof Answers];
  if (value === undefined) return state.skipped.includes(id) ? t('check.summary.notKnown') : undefined;
  if (q.answer.kind === 'date') return formatDate(lang, String(value));
  return optionLabel(lang, q, String(value));
}
