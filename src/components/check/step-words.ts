/**
 * A self-check step in words: its title, hint and choices, and the message of the error just
 * made, in the page's language. The region step's choices are the regions (content), passed in.
 */
import type { AnswerErrorCode } from '../../domain/answers';
import type { Question } from '../../domain/eligibility';
import { answerMessage } from '../../i18n/answer-messages';
import { useTranslations, type Lang } from '../../i18n';
import type { Choice } from '../journey/AnswerFields.astro';
import { fieldAnchor } from '../journey/anchors';
import { say } from './answer-words';

export interface StepWords {
  title: string;
  hint?: string;
  choices: Choice[];
  note?: string;
  error?: { message: string; field: string; code: string };
  /** The error summary's entries. */
  errors: { href: string; text: string }[];
}

export function stepWords(
  lang: Lang,
  step: { id: string; answer: { kind: string; fields: readonly string[] } },
  q: Question | undefined,
  regions: { value: string; label: string }[],
  error: { code: string; field: string } | undefined,
): StepWords {
  const t = useTranslations(lang);
  const words =
    step.id === 'region' ? { title: t('check.region.label'), hint: t('check.region.hint'), choices: regions, note: t('check.region.notListed') }
    : step.id === 'confirm' ? { title: t('check.confirm.question'), choices: [{ value: 'yes', label: t('check.confirm.yes') }, { value: 'no', label: t('check.confirm.no') }] }
    : {
        title: say(lang, q!.label),
        hint: q!.hint && say(lang, q!.hint),
        choices: (q!.options ?? []).map((o) => ({ value: o.value, label: say(lang, o.label), ...(o.hint && { hint: say(lang, o.hint) }) })),
      };
  if (!error) return { ...words, errors: [] };
  const message = error.code === 'origin' ? t('check.error.origin') : answerMessage(lang, error.code as AnswerErrorCode, `check.${step.id}`);
  const name = step.answer.fields[0]!;
  return {
    ...words,
    error: { message, field: error.field, code: error.code },
    errors: [{ href: fieldAnchor(step.answer.kind, name, error.field), text: message }],
  };
}
