/**
 * 申请表 An application form, as data (issue 11 point 2): its pages, each with a close group of
 * questions; when each question is asked (a condition on the answers so far); the materials it
 * needs. Each question is read by its answer type, which the pages, the island and the API
 * (through schemas.ts, the JSON schema derived from the same types) all validate with. Compare forms-runner's `Flow::Journey` and
 * `Question::*`: a form is a list of pages of typed questions, nothing else.
 *
 * A question may be the same as one of the self-check's (`sameAs`): its answer there is shown
 * to confirm, never asked again (WCAG 3.3.7). Pure.
 */
import { DONT_KNOW, type AnswerError, type AnswerType, type Fields, type ReadContext } from '../answers';
import type { QuestionId, Text } from '../eligibility';
import type { SubmitterRole } from './submitter';
import type { Chain } from './decisions';

/** A form's answers, by question id (only the questions asked). */
export type FormAnswers = Record<string, unknown>;

export interface Option {
  value: string;
  label: Text;
  hint?: Text;
}

export interface FormQuestion {
  /** The answer's key in the answers, and the name of the field it posts. */
  id: string;
  answer: AnswerType<unknown>;
  label: Text;
  hint?: Text;
  options?: readonly Option[];
  /** The self-check question it is the same as: that answer is offered to confirm. */
  sameAs?: QuestionId;
  /** Whether it is asked, given the answers so far (default: always). */
  when?: (answers: FormAnswers) => boolean;
  /** Whether it may be left unanswered (a text answer reads as ""). */
  optional?: boolean;
}

export interface FormPage {
  id: string;
  /** The page's heading: one topic a page. */
  title: Text;
  questions: readonly FormQuestion[];
}

/** 材料 A document the office asks for; the applicant uploads it or brings it to the office. */
export interface Material {
  id: string;
  label: Text;
  hint?: Text;
  /** Whether it is needed, given the answers and who is applying (default: always). */
  when?: (answers: FormAnswers, role: SubmitterRole) => boolean;
  /** The source clause that names it (`source#clause`); none where no source lists the form's materials. */
  source?: string;
}

/** Who first holds a submitted case: the township or sub-district office, or the county DPF. */
export type FirstOffice = 'township' | 'countyDpf';

export interface ApplicationForm {
  id: string;
  title: Text;
  /** The services it applies for (content/services slugs); each names this form. */
  services: readonly string[];
  /** Whether a disability certificate number is required (the service requires a certificate). */
  requiresCertificate: boolean;
  pages: readonly FormPage[];
  materials: readonly Material[];
  firstOffice: FirstOffice;
  /** Its chain of decisions: the two subsidies' statutory one, or the shorter one (decisions.ts). */
  chain: Chain;
  /** The source clause for the route (who accepts, who reviews, who decides), where one exists. */
  routeSource?: string;
}

export const questionsOf = (form: ApplicationForm): FormQuestion[] => form.pages.flatMap((p) => p.questions);

export const asks = (q: FormQuestion, answers: FormAnswers) => !q.when || q.when(answers);

/** The questions asked on `page`, given the answers so far. */
export const askedOn = (page: FormPage, answers: FormAnswers): FormQuestion[] => page.questions.filter((q) => asks(q, answers));

/** The pages that ask something, given the answers so far, in order. */
export const pagesFor = (form: ApplicationForm, answers: FormAnswers): FormPage[] => form.pages.filter((p) => askedOn(p, answers).length > 0);

/** The materials needed, given the answers and who is applying. */
export const materialsFor = (form: ApplicationForm, answers: FormAnswers, role: SubmitterRole): Material[] => form.materials.filter((m) => !m.when || m.when(answers, role));

/** Only the answers still asked: an answer whose question no longer applies is dropped. */
export function pruneAnswers(form: ApplicationForm, answers: FormAnswers): FormAnswers {
  const kept: FormAnswers = {};
  // In page order, so a condition sees only answers kept before it.
  for (const q of questionsOf(form)) if (answers[q.id] !== undefined && asks(q, kept)) kept[q.id] = answers[q.id];
  return kept;
}

/** Whether every field of the question was posted empty (or not at all). */
export const isEmpty = (q: FormQuestion, fields: Fields): boolean => q.answer.fields.every((f) => (fields.getAll ? fields.getAll(f) : [fields.get(f) ?? '']).every((v) => !(v ?? '').trim()));

export type PageRead = { ok: true; answers: FormAnswers } | { ok: false; errors: AnswerError[] };

/**
 * Reads one page's posted fields into the answers: every question on it read with its answer
 * type, every error found listed (the page's error summary lists them all, in page order).
 */
export function readPage(form: ApplicationForm, page: FormPage, answers: FormAnswers, fields: Fields, context: ReadContext): PageRead {
  const next: FormAnswers = { ...answers };
  const errors: AnswerError[] = [];
  for (const q of page.questions) {
    // A condition on an answer on the same page reads what was just posted.
    if (!asks(q, next)) {
      delete next[q.id];
      continue;
    }
    // An optional question left empty is no answer, not a wrong one.
    if (q.optional && isEmpty(q, fields)) {
      delete next[q.id];
      continue;
    }
    const read = q.answer.read(fields, context);
    if (read.kind === 'error') errors.push(read.error);
    else next[q.id] = read.kind === 'value' ? read.value : DONT_KNOW;
  }
  return errors.length ? { ok: false, errors } : { ok: true, answers: pruneAnswers(form, next) };
}

