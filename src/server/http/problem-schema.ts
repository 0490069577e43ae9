/**
 * The RFC 9457 problem document (problem.ts) as a zod schema: the source of its JSON Schema in
 * /api/openapi.json and of the type `problemDocument` returns, so the two cannot drift. A file
 * of its own because the production server loads problem.ts itself, before Astro (server.mjs,
 * through refusals.ts, with Node's type stripping), and has no use for zod there.
 */
import { z } from 'zod';
import { limits } from './limits.ts';
import { PROBLEM_STATUSES } from './problem-statuses.ts';
import { textSchema } from './text-schema.ts';

/** A problem document whose problems have one of `codes` (the API's: server/self-check/api-request.ts). */
export function problemDocumentSchema<const C extends string>(codes: readonly C[]) {
  const problem = z
    .strictObject({
      path: z.string().meta({ description: 'The field, e.g. `answers.level` or `dontKnow[1]`; empty for the request as a whole.' }),
      code: z.enum(codes).meta({ description: 'What is wrong, for a program to act on.' }),
      message: textSchema,
    })
    .meta({ description: 'One thing wrong with a request.' });
  return z
    .strictObject({
      type: z.literal('about:blank').meta({ description: 'No problem type beyond the status (RFC 9457 4.2.1).' }),
      title: z.string().meta({ description: 'The status’s reason phrase (RFC 9110 section 15).' }),
      status: z.literal(PROBLEM_STATUSES).meta({ description: 'The HTTP status, repeated.' }),
      problems: z.array(problem).min(1).max(limits.maxProblems).meta({ description: 'In the order found.' }),
      moreProblems: z
        .int()
        .min(1)
        .optional()
        .meta({ description: `How many more problems were found than are listed (at most ${limits.maxProblems} are). Absent when every problem is listed.` }),
    })
    .meta({ description: `RFC 9457 problem details, listing the problems found: all of them, or the first ${limits.maxProblems} and how many more.` });
}

/** A problem document, as `problemDocument` (problem.ts) makes it. */
export type ProblemDocument<C extends string = string> = z.infer<ReturnType<typeof problemDocumentSchema<C>>>;
