/**
 * Runs every rule for a person and picks the next question: the first (in QUESTIONS order)
 * that is still unanswered, may be asked, and would help decide a service that is undecided
 * (itself, or through an answer it fills in). When none is left, the self-check shows its
 * results. Pure.
 */
import { isReceivableService, type Answers, type Context, type Evaluation, type QuestionId, type Rule } from './criteria';
import { QUESTIONS, type Question } from './questions';

export interface Check {
  results: Evaluation[];
  /** The next question, or null when nothing more can change a result. */
  next: Question | null;
}

const answered = (answers: Answers, id: QuestionId) => id !== 'certificateNumber' && answers[id] !== undefined;

/**
 * @param skipped questions dealt with that left no answer: "I don't know" (never asked again;
 *   their services stay "need more information"), or a certificate number already read.
 */
export function runCheck(rules: Rule[], answers: Answers, context: Context, skipped: readonly QuestionId[] = []): Check {
  const results = rules.map((r) => r.evaluate(answers, context));
  const wanted = new Set(results.flatMap((r) => r.missing));
  // What is already paid matters while a service it names could still be offered.
  if (results.some((r) => isReceivableService(r.service) && r.status !== 'ineligible')) wanted.add('alreadyReceives');
  const helps = (q: Question) =>
    q.id === 'certificateNumber' ? (q.fills ?? []).some((id) => wanted.has(id) && !answered(answers, id)) : wanted.has(q.id) && !answered(answers, q.id);
  const next = QUESTIONS.find((q) => !skipped.includes(q.id) && q.askWhen(answers) && helps(q)) ?? null;
  return { results, next };
}
