/**
 * The one-question-per-page machine, shared by the self-check and the application forms
 * (smart-answers' flows, forms-runner's steps): which step can show, a submitted step → the
 * new state, where "back" goes, the fields to show for a saved answer, the error summary, and
 * the check-your-answers rows with their change links. Pure: the state, the fields and the
 * date come in; a new state goes out. The journey itself (its steps, and `next`, its routing)
 * is data, defined by each feature.
 *
 * "Back" and the step number come from the trail the person has made (`trail` in the state,
 * the steps in the order first answered), not from replaying the routing: so a request runs
 * the routing at most once (issue 9: it used to run up to ten times to find "back").
 */
import type { AnswerError, AnswerType, FieldValues, Fields, ReadContext } from '../answers/answer-type';
import { DONT_KNOW } from '../answers/answer-type';

/** An answer as a step keeps it: a value, or "I don't know". */
export type Answer<V> = { kind: 'value'; value: V } | { kind: 'dontKnow' };

/** What every journey's state carries for the engine. */
export interface Trail<Id extends string = string> {
  /** The steps answered, in the order first answered. */
  trail?: Id[];
}

export interface Step<S, Id extends string, V = unknown> {
  id: Id;
  /** How the answer is read from the posted fields, and shown back in them. */
  answer: AnswerType<V>;
  /** Whether the step can show now (its question applies, what it confirms is waiting). */
  canShow(state: S): boolean;
  /**
   * Whether the step's answer still counts, for the trail and check-your-answers: by default
   * `canShow`; a step may hold while another waits (a question while a confirmation is pending).
   */
  applies?(state: S): boolean;
  /** The state after an answer to this step. */
  apply(state: S, answer: Answer<V>): S;
  /** The answer kept for this step; undefined when it has none. */
  saved(state: S): Answer<V> | undefined;
  /** Whether the step belongs in the trail once answered (a confirmation page does not). */
  inTrail?: boolean;
}

export interface Journey<S extends Trail<Id>, Id extends string> {
  /** Every step, by id. */
  step(id: string): Step<S, Id> | undefined;
  /** The routing: the step to show after `state`, or `end` (check your answers). */
  next(state: S): Id | 'end';
}

/** A step's id, when it names a step the journey has and can show now. */
export function showable<S extends Trail<Id>, Id extends string>(journey: Journey<S, Id>, state: S, id: string): Step<S, Id> | undefined {
  const step = journey.step(id);
  return step && step.canShow(state) ? step : undefined;
}

export type Submitted<S> = { ok: true; state: S } | { ok: false; error: AnswerError; more?: AnswerError[] };

/** Reads the posted fields for `step`: the new state, or what is wrong with the answer. */
export function submit<S extends Trail<Id>, Id extends string>(step: Step<S, Id>, state: S, fields: Fields, context: ReadContext): Submitted<S> {
  const read = step.answer.read(fields, context);
  if (read.kind === 'error') return { ok: false, error: read.error, ...(read.more?.length ? { more: read.more } : {}) };
  return { ok: true, state: answerStep(step, state, read) };
}

/** The state after an answer already read: the step's own change, and the step on the trail. */
export function answerStep<S extends Trail<Id>, Id extends string, V>(step: Step<S, Id, V>, state: S, answer: Answer<V>): S {
  const applied = step.apply(state, answer);
  if (step.inTrail === false) return applied;
  const trail = applied.trail ?? [];
  return trail.includes(step.id) ? applied : { ...applied, trail: [...trail, step.id] };
}

const applies = <S, Id extends string>(step: Step<S, Id>, state: S) => (step.applies ? step.applies(state) : step.canShow(state));

/** The trail as it stands: steps answered that can still show and still have an answer. */
export function trail<S extends Trail<Id>, Id extends string>(journey: Journey<S, Id>, state: S): Id[] {
  return (state.trail ?? []).filter((id) => {
    const step = journey.step(id);
    return step !== undefined && applies(step, state) && step.saved(state) !== undefined;
  });
}

/**
 * Where "back" goes from `id`: the step answered before it, or, for a step not answered yet,
 * the last one answered; `start` before the first. `fallback` is for steps outside the trail
 * with a back of their own (a confirmation goes back to the question it confirms).
 */
export function back<S extends Trail<Id>, Id extends string>(journey: Journey<S, Id>, state: S, id: Id, fallback?: Id): { to: Id | 'start'; number: number } {
  const steps = trail(journey, state);
  const here = steps.indexOf(id);
  if (here >= 0) return { to: here > 0 ? steps[here - 1]! : 'start', number: here + 1 };
  return { to: fallback ?? steps.at(-1) ?? 'start', number: steps.length + 1 };
}

/** The fields to show for `step`: what was just posted (after an error), else the saved answer. */
export function fieldValues<S, Id extends string>(step: Step<S, Id>, state: S, posted?: Fields): FieldValues {
  if (posted) {
    const values: Record<string, string | readonly string[]> = {};
    for (const name of step.answer.fields) {
      const all = posted.getAll?.(name);
      values[name] = all && all.length > 1 ? all : (posted.get(name) ?? '');
    }
    return values;
  }
  const saved = step.saved(state);
  if (!saved) return {};
  return saved.kind === 'dontKnow' ? { [step.answer.fields[0]!]: DONT_KNOW } : step.answer.toFields(saved.value);
}

/** One row of check-your-answers: the step and its answer (the page words it and links "change"). */
export interface AnswerRow<Id extends string> {
  id: Id;
  answer: Answer<unknown>;
}

/** Every answered step that can show, in `order` (the questions' own order, not the trail's). */
export function checkAnswersRows<S extends Trail<Id>, Id extends string>(journey: Journey<S, Id>, state: S, order: readonly Id[]): AnswerRow<Id>[] {
  return order.flatMap((id) => {
    const step = journey.step(id);
    const answer = step && applies(step, state) ? step.saved(state) : undefined;
    return answer ? [{ id, answer }] : [];
  });
}
