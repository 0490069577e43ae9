/**
 * The self-check's entry point: every rule, run for one person in one region. The same call
 * answers the no-JS pages, the island, the JSON API and the service pages. Pure: the region's
 * rules and the services it offers come in as data (content/regions, content/services).
 */
import type { Answers, Evaluation, QuestionId, Rule } from './criteria';
import { regionView, type RegionNode } from './regions';
import { runCheck, type Check } from './next-question';
import { childRehabilitation, livingSubsidy, nursingSubsidy } from './national-rules';
import { SERVICE_RULES } from './regional-report-rules';

export * from './criteria';
export * from './questions';
export * from './regions';
export type { Check } from './next-question';

/** One rule per service in the catalogue. */
export const RULES: readonly Rule[] = [livingSubsidy, nursingSubsidy, childRehabilitation, ...SERVICE_RULES];

export const ruleFor = (service: string): Rule | undefined => RULES.find((r) => r.service === service);

/** What the engine needs to know of a region. */
export interface RegionData {
  id: string;
  /** The region and every level above it, nearest first (content/regions, as a tree). */
  chain: readonly RegionNode[];
  /** Slugs of the services offered there; results list only these. */
  services: readonly string[];
}

/** Every rule for the services the region offers, and the next question that still matters. */
export function checkIn(region: RegionData, answers: Answers, asOf: string, skipped: readonly QuestionId[] = []): Check {
  const rules = RULES.filter((r) => region.services.includes(r.service));
  return runCheck(rules, answers, { region: regionView(region.chain, asOf), asOf }, skipped);
}

export type Status = Evaluation['status'];
/**
 * Results by status, in the order the results page shows them, and apart from them the services
 * the person said are already paid to them (`received`): those are not offered again.
 */
export function grouped(results: readonly Evaluation[]): Record<Status | 'received', Evaluation[]> {
  const groups: Record<Status | 'received', Evaluation[]> = { eligible: [], unknown: [], ineligible: [], received: [] };
  for (const r of results) groups[r.alreadyReceived ? 'received' : r.status].push(r);
  return groups;
}
