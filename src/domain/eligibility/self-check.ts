/**
 * The self-check as a journey (src/domain/journey): the region first, then the questions that
 * still matter, a confirmation of what a certificate number said, then check your answers.
 * This file holds the steps and the routing; the engine does the rest (which step can show,
 * submit, back, the fields of a saved answer, the rows). The no-JS pages, the island and the
 * API's answers all go through it. Pure: state in, state out.
 */
import type { CertificateReading } from '../answers';
import { oneOf } from '../answers';
import type { Answer, Journey, Step as JourneyStep } from '../journey';
import type { Answers, QuestionId } from './criteria';
import { checkIn, type Check, type RegionData } from './index';
import { QUESTIONS, question, type Question } from './questions';

/** What was read from a certificate number, waiting for the person to confirm it. */
export type PendingCertificate = CertificateReading;

export interface CheckState {
  /** Where the person's household registration (户籍) is. */
  region?: string;
  answers: Answers;
  /** Questions answered "I don't know", or a certificate number already dealt with. */
  skipped: QuestionId[];
  pending?: PendingCertificate;
  /** Whether birth date, category and level were read from a certificate number the person confirmed. */
  certificateRead?: boolean;
  /** The steps answered, in the order first answered: where "back" goes. */
  trail?: AnswerStep[];
}

export const emptyState = (): CheckState => ({ answers: {}, skipped: [] });

/** A page of the journey: `region`, a question id, `confirm` (the certificate), or `summary`. */
export type Step = 'region' | QuestionId | 'confirm' | 'summary';
/** The steps that take an answer. */
export type AnswerStep = Exclude<Step, 'summary'>;

/** The routing, from a check already made (so a request runs the rules once). */
export function stepAfter(state: CheckState, regions: ReadonlyMap<string, RegionData>, check: () => Check): Step {
  const region = state.region && regions.get(state.region);
  if (!region) return 'region';
  if (state.pending) return 'confirm';
  return check().next?.id ?? 'summary';
}

/** The step to show after `state`: runs the rules once. */
export function nextStep(state: CheckState, regions: ReadonlyMap<string, RegionData>, asOf: string): Step {
  return stepAfter(state, regions, () => checkIn(regions.get(state.region!)!, state.answers, asOf, state.skipped));
}

/**
 * Drops answers to questions that no longer apply after a change (a level, once the person says
 * they have no certificate), so a result never rests on an answer the person cannot see.
 */
export function prune(state: CheckState): CheckState {
  const answers = { ...state.answers };
  let skipped = [...state.skipped];
  for (const q of QUESTIONS) {
    if (q.askWhen(answers)) continue;
    if (q.id !== 'certificateNumber') delete answers[q.id];
    skipped = skipped.filter((id) => id !== q.id);
  }
  return { ...state, answers, skipped };
}

/** The answers a certificate number gives: its birth date, and its category and level where it has them. */
export const certificateAnswers = (read: CertificateReading): Pick<Answers, 'birthDate' | 'category' | 'level'> => ({
  birthDate: read.birthDate,
  ...(read.category && { category: read.category }),
  ...(read.level && { level: read.level }),
});

/** The state after an answer to a question. */
export function applyAnswer(state: CheckState, id: QuestionId, answer: Answer<unknown>): CheckState {
  const skipped = state.skipped.filter((s) => s !== id);
  const { [id as keyof Answers]: _old, ...others } = state.answers;
  if (id === 'certificateNumber') {
    return answer.kind === 'value' ? { ...state, skipped, pending: answer.value as CertificateReading } : prune({ ...state, skipped: [...skipped, id] });
  }
  if (answer.kind === 'dontKnow') return prune({ ...state, answers: others, skipped: [...skipped, id] });
  return prune({ ...state, answers: { ...others, [id]: answer.value }, skipped });
}

/** The state after the person confirms (or rejects) what their certificate number said. */
export function confirmCertificate(state: CheckState, confirmed: boolean): CheckState {
  const { pending, ...rest } = state;
  const skipped = [...state.skipped.filter((id) => id !== 'certificateNumber'), 'certificateNumber' as const];
  if (!pending || !confirmed) return { ...rest, skipped, certificateRead: false };
  const read = certificateAnswers(pending);
  // What the certificate says replaces earlier answers, and is no longer "I don't know".
  return prune({ ...rest, certificateRead: true, answers: { ...state.answers, hasCertificate: true, ...read }, skipped: skipped.filter((id) => !(id in read)) });
}

/** The state with a new region: answers are kept, since they describe the person, not the place. */
export const withRegion = (state: CheckState, region: string): CheckState => ({ ...state, region });

/** A question's saved answer: its value, "I don't know", or none. */
function savedAnswer(state: CheckState, q: Question): Answer<unknown> | undefined {
  if (q.id === 'certificateNumber') {
    if (!state.skipped.includes('certificateNumber')) return undefined;
    const { birthDate, category, level } = state.answers;
    return state.certificateRead && birthDate ? { kind: 'value', value: { birthDate, category, level, warnings: [] } } : { kind: 'dontKnow' };
  }
  const value = state.answers[q.id as keyof Answers];
  if (value !== undefined) return { kind: 'value', value };
  return state.skipped.includes(q.id) ? { kind: 'dontKnow' } : undefined;
}

const hasRegion = (state: CheckState, regions: ReadonlyMap<string, RegionData>) => state.region !== undefined && regions.has(state.region);

/** The confirmation's own answer: yes or no, nothing else. */
const CONFIRM = oneOf(['yes', 'no'] as const, { allowsUnknown: false });

export type SelfCheckJourney = Journey<CheckState, AnswerStep> & {
  /** The routing, from a check already made (see `stepAfter`). */
  nextFrom(state: CheckState, check: () => Check): Step;
  /** Every rule for a state with a known region, and the next question. */
  check(state: CheckState): Check;
};

/**
 * The self-check's journey for a set of regions (content/regions). `next` runs the rules; the
 * pages use `nextFrom` with the check they already made, so a request runs them once.
 */
export function selfCheckJourney(regions: ReadonlyMap<string, RegionData>, asOf: string): SelfCheckJourney {
  const region: JourneyStep<CheckState, AnswerStep, string> = {
    id: 'region',
    answer: oneOf([...regions.keys()], { allowsUnknown: false, field: 'region' }),
    canShow: () => true,
    apply: (state, answer) => (answer.kind === 'value' ? withRegion(state, answer.value) : state),
    saved: (state) => (hasRegion(state, regions) ? { kind: 'value', value: state.region! } : undefined),
  };
  const confirm: JourneyStep<CheckState, AnswerStep, 'yes' | 'no'> = {
    id: 'confirm',
    answer: CONFIRM,
    canShow: (state) => hasRegion(state, regions) && state.pending !== undefined,
    apply: (state, answer) => confirmCertificate(state, answer.kind === 'value' && answer.value === 'yes'),
    saved: () => undefined,
    inTrail: false,
  };
  const questionStep = (q: Question): JourneyStep<CheckState, AnswerStep> => ({
    id: q.id,
    answer: q.answer,
    canShow: (state) => hasRegion(state, regions) && !state.pending && q.askWhen(state.answers),
    applies: (state) => hasRegion(state, regions) && q.askWhen(state.answers),
    apply: (state, answer) => applyAnswer(state, q.id, answer),
    saved: (state) => savedAnswer(state, q),
  });
  const steps = new Map<string, JourneyStep<CheckState, AnswerStep>>([
    ['region', region as JourneyStep<CheckState, AnswerStep>],
    ['confirm', confirm as JourneyStep<CheckState, AnswerStep>],
    ...QUESTIONS.map((q) => [q.id, questionStep(q)] as const),
  ]);
  const nextFrom = (state: CheckState, check: () => Check) => stepAfter(state, regions, check);
  const check = (state: CheckState) => checkIn(regions.get(state.region!)!, state.answers, asOf, state.skipped);
  return {
    check,
    step: (id) => steps.get(id),
    next: (state) => {
      const step = stepAfter(state, regions, () => check(state));
      return step === 'summary' ? 'end' : step;
    },
    nextFrom,
  };
}

/** The order check-your-answers lists the steps in: the region, then the questions' own order. */
export const ANSWER_ORDER: readonly AnswerStep[] = ['region', ...QUESTIONS.map((q) => q.id)];

export { question };
