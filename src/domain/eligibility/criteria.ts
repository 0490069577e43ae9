/**
 * The eligibility engine's core: a criterion answers met, not met or not known yet, with its
 * own words and source; a rule combines criteria. Any criterion not met → ineligible; all met →
 * eligible; otherwise unknown, with the questions that would decide it. Pure: the answers, the
 * region's rules and the date come in as arguments (CONVENTIONS.md 7, 9).
 */
import type { DisabilityCategory, DisabilityLevel } from '../identity';
import type { ClauseRef, RegionView } from './regions';

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
  /** 在读学段 The school stage the person is in now, or `none`. */
  schoolStage?: SchoolStage;
  /** 本人拥有并使用残疾人机动轮椅车 Owns and uses a motorized wheelchair (财社〔2010〕256号). */
  hasMotorizedWheelchair?: boolean;
  /**
   * 突发困难 The household's basic living is in severe difficulty for now, after a sudden accident,
   * fire or serious illness, or a sudden rise in necessary spending (国发〔2014〕47号).
   */
  hasSuddenHardship?: boolean;
  /**
   * 已在领取 What is already paid to the person (an empty list: none of these). A service already
   * paid is not offered again; a work-injury nursing allowance settles 吉林省's exclusion.
   */
  alreadyReceives?: Receivable[];
}

/**
 * What the self-check asks whether the person already gets: the two subsidies (service ids), and
 * 工伤保险生活护理费, which 吉林省 names as an exclusion from both (jilin-two-subsidies#exclusions).
 */
export const RECEIVABLES = ['living-subsidy', 'nursing-subsidy', 'work-injury-nursing-allowance'] as const;
export type Receivable = (typeof RECEIVABLES)[number];
/** The services among them: one the person already gets is shown as such, not offered. */
export const isReceivableService = (service: string): service is Receivable =>
  service !== 'work-injury-nursing-allowance' && (RECEIVABLES as readonly string[]).includes(service);

/** 学段 School stages, in the order asked: not in school, compulsory (primary, junior secondary), senior secondary, higher. */
export const SCHOOL_STAGES = ['none', 'compulsory', 'senior-secondary', 'higher'] as const;
export type SchoolStage = (typeof SCHOOL_STAGES)[number];
/** A question's id: an answer key, or `certificateNumber`, which fills several answers at once. */
export type QuestionId = keyof Answers | 'certificateNumber';

export interface Context {
  /** The person's region: its name, its chain up to the nation and its dated parameters. */
  region: RegionView;
  /** The date the answers are judged on, YYYY-MM-DD. */
  asOf: string;
}

/**
 * A criterion's answer. `unknown` with `missing` questions: an answer would decide it.
 * `unknown` with none: nothing the person can tell us decides it (our sources do not say), so
 * only 12385 or the local DPF can.
 */
export type Outcome = ({ status: 'met' } | { status: 'notMet' } | { status: 'unknown'; missing: QuestionId[] }) & Basis;

/**
 * What an outcome rests on when it is not the criterion's own words and source: the clause that
 * decided it (a region's choice, a law), and words that say so for this person's region.
 */
export interface Basis {
  /** Replaces the criterion's words (e.g. "雨花区是否扩大到三级、四级，我们的资料没有说明"). */
  text?: Text;
  /** Replaces the criterion's source: the clause that decided this outcome. */
  source?: ClauseRef;
  /**
   * Met as far as the answers go, but for the person to confirm: an exclusion that concerns few
   * people and no question asks (a work-injury nursing allowance). It never holds back "likely".
   */
  toConfirm?: boolean;
}
export const met = (basis: Basis = {}): Outcome => ({ status: 'met', ...basis });
export const notMet = (basis: Basis = {}): Outcome => ({ status: 'notMet', ...basis });
export const notKnown = (...missing: QuestionId[]): Outcome => ({ status: 'unknown', missing });
/** Not known from our sources: ask 12385 or the local DPF. */
export const askOffice = (basis: Basis = {}): Outcome => ({ status: 'unknown', missing: [], ...basis });

export interface Text { zh: string; en: string }

export interface Criterion {
  id: string;
  /** A region-tree node: the criterion holds only in the regions under it. None: everywhere. */
  appliesIn?: string;
  /**
   * Never `notMet`: its answers can only show it met. Where another criterion of the rule is
   * one only the office can decide, its questions cannot change the result, so they are not asked.
   */
  neverRulesOut?: boolean;
  /** The condition in plain words, as a statement the reasons list shows. */
  text: Text;
  /** Where the condition comes from: a content/sources id (and clause), or a content/policies slug. */
  source: ClauseRef;
  evaluate: (answers: Answers, context: Context) => Outcome;
}

/** A criterion; `source` is a source id, or `id#clause` for a quoted clause of it. */
export const criterion = (id: string, text: Text, source: string | ClauseRef, evaluate: Criterion['evaluate']): Criterion => ({
  id,
  text,
  source: typeof source === 'string' ? clauseRef(source) : source,
  evaluate,
});

/** `guofa-2015-52#nursing-subsidy-recipients` → { source, clause }. */
export function clauseRef(ref: string): ClauseRef {
  const [source, clause] = ref.split('#') as [string, string | undefined];
  return clause === undefined ? { source } : { source, clause };
}


type YesNoQuestion = { [K in keyof Answers]-?: Answers[K] extends boolean | undefined ? K : never }[keyof Answers];

/** A criterion met by a yes to one yes/no question, not met by a no, not known until answered. */
export const yesTo = (question: YesNoQuestion, text: Text, source: string | ClauseRef): Criterion =>
  criterion(question, text, source, (a) => (a[question] === undefined ? notKnown(question) : a[question] ? met() : notMet()));

/** The criterion, holding only in the regions under `region` (a region-tree node id). */
export const onlyIn = (region: string, c: Criterion): Criterion => ({ ...c, appliesIn: region });

/** The criterion, marked as one whose answers can only show it met (see `Criterion.neverRulesOut`). */
export const onlyShowsMet = (c: Criterion): Criterion => ({ ...c, neverRulesOut: true });

/**
 * What the person's region's sources do not state (`source`: the service's main source, which
 * the API lists; each outcome cites the region's own): "其他条件：吉林市的资料没有说明", citing the
 * sources that speak for that region. Every rule whose conditions only local sources give ends
 * with it, so none says "likely" on guesswork, and each region reads its own name and sources.
 */
export const otherConditions = (source: string): Criterion =>
  criterion('otherConditions', { zh: '其他条件：我们的资料没有说明', en: 'Other conditions: our sources do not say' }, source, (_a, { region }) =>
    askOffice({
      text: { zh: `其他条件：${region.name.zh}的资料没有说明`, en: `Other conditions: our sources for ${region.name.en} do not say` },
      ...(region.sources[0] !== undefined && { source: { source: region.sources[0] } }),
    }),
  );

export interface Reason {
  criterion: string;
  status: Outcome['status'];
  text: Text;
  /** The source (content/sources id or content/policies slug) the outcome rests on. */
  source: string;
  /** The clause of that source, where we quote it. */
  clause?: string;
  /** Met, but for the person to confirm (see `Basis.toConfirm`). */
  toConfirm?: true;
  /** For `unknown`: the questions that would decide it; empty when only the office can. */
  missing: QuestionId[];
}

export interface Evaluation {
  service: string;
  status: 'eligible' | 'ineligible' | 'unknown';
  reasons: Reason[];
  /** Questions whose answers would decide an undecided service. */
  missing: QuestionId[];
  /**
   * The person said it is already paid to them: it is not offered to apply for, and nothing more
   * is asked for it. `status` is still what the rules say.
   */
  alreadyReceived?: true;
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
      const here = criteria.filter((c) => c.appliesIn === undefined || context.region.chain.includes(c.appliesIn));
      const outcomes = here.map((c) => [c, c.evaluate(answers, context)] as const);
      const officeOnly = outcomes.some(([, o]) => o.status === 'unknown' && o.missing.length === 0);
      // A criterion whose answers can only show it met asks nothing while another waits on the office.
      const asks = ([c, o]: (typeof outcomes)[number]) => (o.status === 'unknown' && !(officeOnly && c.neverRulesOut) ? o.missing : []);
      const reasons = outcomes.map((outcome): Reason => {
        const [c, o] = outcome;
        const { source, clause } = o.source ?? c.source;
        return {
          criterion: c.id,
          status: o.status,
          text: o.text ?? c.text,
          source,
          ...(clause !== undefined && { clause }),
          ...(o.toConfirm && o.status === 'met' && { toConfirm: true as const }),
          missing: asks(outcome),
        };
      });
      const status = outcomes.some(([, o]) => o.status === 'notMet')
        ? 'ineligible'
        : outcomes.every(([, o]) => o.status === 'met')
          ? 'eligible'
          : 'unknown';
      if (isReceivableService(service) && answers.alreadyReceives?.includes(service)) {
        return { service, status, reasons: reasons.map((r) => ({ ...r, missing: [] })), missing: [], alreadyReceived: true };
      }
      const missing = status === 'unknown' ? [...new Set(outcomes.flatMap(asks))] : [];
      return { service, status, reasons, missing };
    },
  };
}
