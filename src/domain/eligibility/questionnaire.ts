/**
 * Runs every rule for a person and picks the next question: the first (in QUESTIONS order)
 * that is still unanswered, may be asked, and would help decide a service that is undecided.
 * When none is left, the self-check shows its results. Pure.
 */
import type { Answers, Context, Evaluation, QuestionId, Rule } from './engine';
import { QUESTIONS, type Question } from './questions';

export interface Check {
  results: Evaluation[];
  /** The next question, or null when nothing more can change a result. */
  next: Question | null;
}

/**
 * @param skipped questions the person answered "I don't know": never asked again, and their
 *   services stay "need more information".
 */
export function runCheck(rules: Rule[], answers: Answers, context: Context, skipped: QuestionId[] = []): Check {
  const results = rules.map((r) => r.evaluate(answers, context));
  const wanted = new Set(results.flatMap((r) => r.missing));
  const next =
    QUESTIONS.find((q) => wanted.has(q.id) && answers[q.id] === undefined && !skipped.includes(q.id) && q.askWhen(answers)) ?? null;
  return { results, next };
}
