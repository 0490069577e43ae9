/**
 * The self-check as a journey of steps: the region first, then the questions that still
 * matter, a confirmation of what a certificate number said, then the summary. The no-JS pages
 * and the island both move through it. Pure: state in, state out.
 */
import type { CertificateWarning, DisabilityCategory, DisabilityLevel } from '../identity';
import type { Answers, QuestionId } from './engine';
import type { FormResult } from './form';
import { checkIn, type RegionData } from './index';
import { QUESTIONS } from './questions';

/** What was read from a certificate number, waiting for the person to confirm it. */
export interface PendingCertificate {
  birthDate: string;
  category?: DisabilityCategory;
  level?: DisabilityLevel;
  warnings: CertificateWarning[];
}

export interface CheckState {
  /** Where the person's household registration (户籍) is. */
  region?: string;
  answers: Answers;
  /** Questions answered "I don't know", or a certificate number already dealt with. */
  skipped: QuestionId[];
  pending?: PendingCertificate;
  /** Whether birth date, category and level were read from a certificate number the person confirmed. */
  certificateRead?: boolean;
}

export const emptyState = (): CheckState => ({ answers: {}, skipped: [] });

/** A page of the journey: `region`, a question id, `confirm` (the certificate), or `summary`. */
export type Step = 'region' | QuestionId | 'confirm' | 'summary';

export function nextStep(state: CheckState, regions: ReadonlyMap<string, RegionData>, asOf: string): Step {
  const region = state.region && regions.get(state.region);
  if (!region) return 'region';
  if (state.pending) return 'confirm';
  return checkIn(region, state.answers, asOf, state.skipped).next?.id ?? 'summary';
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

/** The state after an answer to `step` (a question, or the region). */
export function applyAnswer(state: CheckState, step: QuestionId, result: Exclude<FormResult, { kind: 'error' }>): CheckState {
  const skipped = state.skipped.filter((id) => id !== step);
  const { [step as keyof Answers]: _old, ...others } = state.answers;
  switch (result.kind) {
    case 'answer':
      return prune({ ...state, answers: { ...others, ...result.answers }, skipped });
    case 'dontKnow':
      return prune({ ...state, answers: step === 'certificateNumber' ? state.answers : others, skipped: [...skipped, step] });
    case 'certificate':
      return { ...state, skipped, pending: result.read };
  }
}

/** The state after the person confirms (or rejects) what their certificate number said. */
export function confirmCertificate(state: CheckState, confirmed: boolean): CheckState {
  const { pending, ...rest } = state;
  const skipped = [...state.skipped.filter((id) => id !== 'certificateNumber'), 'certificateNumber' as const];
  if (!pending || !confirmed) return { ...rest, skipped, certificateRead: false };
  const read: Answers = { birthDate: pending.birthDate, ...(pending.category && { category: pending.category }), ...(pending.level && { level: pending.level }) };
  // What the certificate says replaces earlier answers, and is no longer "I don't know".
  return prune({ ...rest, certificateRead: true, answers: { ...state.answers, hasCertificate: true, ...read }, skipped: skipped.filter((id) => !(id in read)) });
}

/** The state with a new region: answers are kept, since they describe the person, not the place. */
export const withRegion = (state: CheckState, region: string): CheckState => ({ ...state, region });

/**
 * The steps the person has been through, in order, replayed from the state: where "back"
 * goes, and what the summary lists.
 */
export function path(state: CheckState, regions: ReadonlyMap<string, RegionData>, asOf: string): Step[] {
  const steps: Step[] = [];
  if (!state.region || !regions.has(state.region)) return steps;
  steps.push('region');
  const replay: CheckState = { region: state.region, answers: {}, skipped: [] };
  for (let i = 0; i <= QUESTIONS.length; i++) {
    const step = nextStep(replay, regions, asOf);
    if (step === 'summary' || step === 'region' || step === 'confirm') break;
    const known = step !== 'certificateNumber' && state.answers[step] !== undefined;
    if (!known && !state.skipped.includes(step)) break;
    steps.push(step);
    if (step === 'certificateNumber') {
      replay.skipped.push(step);
      if (state.certificateRead) for (const id of ['birthDate', 'category', 'level'] as const) {
        if (state.answers[id] !== undefined && !state.skipped.includes(id)) Object.assign(replay.answers, { [id]: state.answers[id] });
      }
    } else if (known) Object.assign(replay.answers, { [step]: state.answers[step] });
    else replay.skipped.push(step);
  }
  return steps;
}
