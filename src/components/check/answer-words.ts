/**
 * The self-check's answers in words, for the summary, the results and the confirmation page.
 */
import type { Answers, Question, QuestionId, Text } from '../../domain/eligibility';
import { question } from '../../domain/eligibility';
import { ANSWER_ORDER, type CheckState, type SelfCheckJourney } from '../../domain/eligibility/self-check';
import { checkAnswersRows } from '../../domain/journey';
import { useTranslations, type Lang } from '../../i18n';

export const say = (lang: Lang, text: Text): string => (lang === 'en' ? text.en : text.zh);

/** Made once per language: building an Intl formatter costs more than formatting (bench: ~5 % of a journey's CPU). */
const DATE_FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }),
};

/** A date as the person's language writes it: 1980年3月7日 / 7 March 1980. */
export const formatDate = (lang: Lang, iso: string): string => DATE_FORMATS[lang].format(Date.parse(`${iso}T00:00:00Z`));

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
  if (Array.isArray(value)) return value.length ? value.map((v) => optionLabel(lang, q, String(v))).join(t('punctuation.listSeparator')) : t('check.noneOfThese');
  return optionLabel(lang, q, String(value));
}

/** One answer in words, for check-your-answers and the results' record of what was said. */
export interface AnswerRowWords {
  /** The step, for the "change" link. */
  id: string;
  label: string;
  value: string;
}

/** Every answer that counts, in the questions' order (the journey engine's rows), in words; the region first, by the name given. */
export function answerRows(lang: Lang, journey: SelfCheckJourney, state: CheckState, regionName: string): AnswerRowWords[] {
  const t = useTranslations(lang);
  return checkAnswersRows(journey, state, ANSWER_ORDER).flatMap(({ id }): AnswerRowWords[] => {
    if (id === 'region') return [{ id, label: t('check.region.label'), value: regionName }];
    const q = question(id as QuestionId);
    const value = q && answerText(lang, state, q.id);
    return q && value !== undefined ? [{ id, label: say(lang, q.label), value }] : [];
  });
}
