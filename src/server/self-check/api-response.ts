/**
 * `POST /api/eligibility`'s answer to a valid request, and its schema: the source of the JSON
 * Schema in /api/openapi.json and of the type the answer is made to, so the two cannot drift.
 * The engine's results (domain/eligibility, kept free of zod for the island) must type-check
 * against it here.
 */
import { z } from 'zod';
import { checkIn } from '../../domain/eligibility';
import { textSchema } from '../http/text-schema';
import { warningSchema, type EligibilityRequest } from './api-request';
import { questionIdSchema, questionJson, questionJsonSchema } from './question-json';

/** One condition of a service, and whether it is met. */
export const reasonSchema = z
  .strictObject({
    criterion: z.string().meta({ description: 'The condition’s id (GET /api/services lists each service’s `criteria`).' }),
    status: z.enum(['met', 'notMet', 'unknown']),
    text: textSchema.meta({ description: 'The condition, as a statement; where the person’s region decides it, words that say what that region’s sources state.' }),
    source: z.string().meta({ description: 'Where the outcome comes from: a content/sources id or a content/policies slug.' }),
    toConfirm: z.literal(true).optional().meta({ description: 'Met as far as the answers go, but for the person to confirm: an exclusion few people meet that no question asks (e.g. a work-injury nursing allowance in Jilin Province). It never holds back `eligible`.' }),
    clause: z.string().optional().meta({ description: 'The quoted clause of that source (its `clauses` id in content/sources), where the outcome rests on one.' }),
    missing: z.array(questionIdSchema).meta({ description: 'For `unknown`: the questions that would decide it; empty when only the office (12385 or the local DPF) can.' }),
  })
  .meta({ description: 'One condition of a service, and whether it is met.' });

/** A service's result. */
export const resultSchema = z
  .strictObject({
    service: z.string().meta({ description: 'The service slug (GET /api/services).' }),
    status: z.enum(['eligible', 'ineligible', 'unknown']).meta({ description: 'Any condition not met: `ineligible`; all met: `eligible`; otherwise `unknown`.' }),
    reasons: z.array(reasonSchema).meta({ description: 'Every condition, in the rule’s order.' }),
    missing: z.array(questionIdSchema).meta({ description: 'Questions whose answers would decide an undecided service.' }),
    alreadyReceived: z
      .literal(true)
      .optional()
      .meta({ description: 'The person said it is already paid to them (`alreadyReceives`): it is not offered, and nothing more is asked for it; `status` is still what the rules say. Added in issue 10.' }),
  })
  .meta({ description: 'A service’s result: guidance, not a decision (the office that runs the service decides).' });

/** The answer; `region` is one of `regionIds`. */
export const eligibilityResponseSchema = (regionIds: readonly string[]) =>
  z
    .strictObject({
      region: z.enum(regionIds).meta({ description: 'The region asked about.' }),
      asOf: z.iso.date().meta({ description: 'The date the answers were judged on, YYYY-MM-DD.' }),
      results: z.array(resultSchema).meta({ description: 'A result for each service offered in the region that the self-check has a rule for.' }),
      next: questionJsonSchema.nullable().meta({ description: 'The next question that would help, or null when nothing more can change a result.' }),
      warnings: z.array(warningSchema).meta({ description: 'Unusual but plausible certificate numbers, for the person to check.' }),
    })
    .meta({ description: 'Every service’s result in the region, and the next question that still matters.' });
export type EligibilityResponse = z.infer<ReturnType<typeof eligibilityResponseSchema>>;

/** The answer to a valid request: every rule for the services the region offers, run on the answers. */
export function eligibilityResponse({ region, asOf, answers, skipped, warnings }: EligibilityRequest): EligibilityResponse {
  const { results, next } = checkIn(region, answers, asOf, skipped);
  return { region: region.id, asOf, results, next: next && questionJson(next), warnings };
}
