/**
 * The eligibility engine's core: a criterion answers met, not met or not known yet, with its
 * own words and source; a rule combines criteria. Any criterion not met → ineligible; all met →
 * eligible; otherwise unknown, with the questions that would decide it. Pure: the answers, the
 * region's rules and the date come in as arguments (CONVENTIONS.md 7, 9).
 */
import type { DisabilityCategory, DisabilityLevel } from '../identity';

/** Household statuses the rules use (GLOSSARY.md identifiers), in the order asked. */
export const HOUSEHOLDS = ['dibao', 'low-income', 'tekun', 'registered-poor', 'none'] as const;
export type Household = (typeof HOUSEHOLDS)[number];

/** What the person has told the self-check. A missing answer is "not known yet". */
export interface Answers {
  hasCertificate?: boolean;
  category?: DisabilityCategory;
  level?: DisabilityLevel;
  /** YYYY-MM-DD */
  birthDate?: string;
  household?: Household;
  needsLongTermCare?: boolean;
  /** 孤独症 Autism diagnosed, for children's rehabilitation (国发〔2018〕20号 names it apart). */
  isAutistic?: boolean;
}
/** A question's id: an answer key, or `certificateNumber`, which fills several answers at once. */
export type QuestionId = keyof Answers | 'certificateNumber';

/** A regional choice, or `unknown` when our sources do not say what the region decided. */
export type Known<T> = T | 'unknown';

/**
 * A region's choices where the national framework lets localities decide, read from
 * `content/regions/<id>.yaml` (`eligibility:`). `unknown` is honest: a person whom the choice
 * would decide is told to ask 12385 or the local DPF, never "not eligible".
 */
export interface RegionRules {
  /** Households beyond 低保 that the living subsidy is extended to. */
  livingSubsidyExtendedTo: Known<Household[]>;
  /** Category and highest level the nursing subsidy is extended to beyond levels 1-2. */
  nursingSubsidyExtendedTo: Known<{ category: DisabilityCategory; maxLevel: DisabilityLevel }[]>;
  /** Oldest age for children's rehabilitation assistance (national: 6). */
  childRehabilitationMaxAge: Known<number>;
}
/** The national framework with no regional extension. */
export const NATIONAL_RULES: RegionRules = { livingSubsidyExtendedTo: [], nursingSubsidyExtendedTo: [], childRehabilitationMaxAge: 6 };

export interface Context {
  region: RegionRules;
  /** The date the answers are judged on, YYYY-MM-DD. */
  asOf: string;
}

/**
 * A criterion's answer. `unknown` with `missing` questions: an answer would decide it.
 * `unknown` with none: nothing the person can tell us decides it (our sources do not say), so
 * only 12385 or the local DPF can.
 */
export type Outcome = { status: 'met' } | { status: 'notMet' } | { status: 'unknown'; missing: QuestionId[] };
export const met = (): Outcome => ({ status: 'met' });
export const notMet = (): Outcome => ({ status: 'notMet' });
export const notKnown = (...missing: QuestionId[]): Outcome => ({ status: 'unknown', missing });
/** Not known from our sources: ask 12385 or the local DPF. */
export const askOffice = (): Outcome => ({ status: 'unknown', missing: [] });

export interface Text { zh: string; en: string }

export interface Criterion {
  id: string;
  /** The condition in plain words, as a statement the reasons list shows. */
  text: Text;
  /** Where the condition comes from: a content/sources id or a content/policies slug. */
  source: string;
  evaluate: (answers: Answers, context: Context) => Outcome;
}

export const criterion = (id: string, text: Text, source: string, evaluate: Criterion['evaluate']): Criterion => ({ id, text, source, evaluate });

type YesNoQuestion = { [K in keyof Answers]-?: Answers[K] extends boolean | undefined ? K : never }[keyof Answers];

/** A criterion met by a yes to one yes/no question, not met by a no, not known until answered. */
export const yesTo = (question: YesNoQuestion, text: Text, source: string): Criterion =>
  criterion(question, text, source, (a) => (a[question] === undefined ? notKnown(question) : a[question] ? met() : notMet()));

export interface Reason {
  criterion: string;
  status: Outcome['status'];
  text: Text;
  source: string;
  /** For `unknown`: the questions that would decide it; empty when only the office can. */
  missing: QuestionId[];
}

export interface Evaluation {
  service: string;
  status: 'eligible' | 'ineligible' | 'unknown';
  reasons: Reason[];
  /** Questions whose answers would decide an undecided service. */
  missing: QuestionId[];
}

export interface Rule {
  service: string;
  criteria: Criterion[];
  evaluate: (answers: Answers, context: Context) => Evaluation;
}

export function rule(service: string, criteria: Criterion[]): Rule {
  return {
    service,
    criteria,
    evaluate(answers, context) {
      const outcomes = criteria.map((c) => [c, c.evaluate(answers, context)] as const);
      const reasons = outcomes.map(([c, o]) => ({
        criterion: c.id,
        status: o.status,
        text: c.text,
        source: c.source,
        missing: o.status === 'unknown' ? o.missing : [],
      }));
      const status = outcomes.some(([, o]) => o.status === 'notMet')
        ? 'ineligible'
        : outcomes.every(([, o]) => o.status === 'met')
          ? 'eligible'
          : 'unknown';
      const missing = status === 'unknown' ? [...new Set(outcomes.flatMap(([, o]) => (o.status === 'unknown' ? o.missing : [])))] : [];
      return { service, status, reasons, missing };
    },
  };
}
