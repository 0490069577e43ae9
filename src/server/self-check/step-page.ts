/**
 * One self-check step page, GET or POST, as the journey engine sees it: whether the step can
 * show (or where to go instead), a posted answer read and saved (POST-redirect-GET: a 303 to the
 * next step that still matters) or refused (400, with the error to show), where "back" goes and
 * the step's number, and the fields to show. The page renders what this returns.
 */
import type { AstroGlobal } from 'astro';
import { formDataFields, type AnswerError, type FieldValues } from '../../domain/answers';
import { back, fieldValues, showable, submit, type Step as JourneyStep } from '../../domain/journey';
import { question, type Question } from '../../domain/eligibility';
import type { AnswerStep, CheckState } from '../../domain/eligibility/self-check';
import { formFields, openCheckPage, type CheckPage } from './page-context';

/** The page to render. */
export interface StepView extends CheckPage {
  step: JourneyStep<CheckState, AnswerStep>;
  /** The question asked, for a question step. */
  question?: Question;
  /** What is wrong with the answer just posted; `origin` when no form arrived at all. */
  error?: AnswerError | { code: 'origin'; field: string };
  values: FieldValues;
  back: string;
  /** The step's place in the journey, from 1. */
  number: number;
}

/** The page to render, or the response instead (a 303, or the 404 page for a step that does not exist). */
export async function stepPage(Astro: AstroGlobal): Promise<StepView | Response> {
  const opened = await openCheckPage(Astro);
  if (opened instanceof Response) return opened;
  const { ctx } = opened;
  const { journey, state } = ctx;
  const id = Astro.params.step ?? '';
  if (!journey.step(id)) return Astro.rewrite('/404');
  // Expired or tampered answers: back to the start page, which says so and clears them.
  if (ctx.lost) return Astro.redirect(ctx.path('start'), 303);
  const step = showable(journey, state, id);
  // A step that cannot be shown yet (no region, a question that does not apply, nothing to confirm).
  if (!step) return Astro.redirect(ctx.path(ctx.next()), 303);

  let error: StepView['error'];
  let posted: FormData | undefined;
  if (Astro.request.method === 'POST') {
    const fields = await formFields(Astro);
    if (!fields) error = { code: 'origin', field: step.answer.fields[0]! };
    else {
      posted = fields;
      const done = submit(step, state, formDataFields(fields), { asOf: ctx.asOf });
      if (done.ok) {
        ctx.save(done.state);
        return Astro.redirect(ctx.path(journey.nextFrom(done.state, () => journey.check(done.state))), 303);
      }
      error = done.error;
    }
    Astro.response.status = 400;
  }
  // Where "back" goes: the step before this one; a confirmation goes back to the number it confirms.
  const { to, number } = back(journey, state, step.id, step.id === 'confirm' ? 'certificateNumber' : undefined);
  const postedFields = posted && formDataFields(posted);
  return {
    ...opened,
    step,
    question: question(step.id as never),
    error,
    values: fieldValues(step, state, postedFields),
    back: ctx.path(to),
    number,
  };
}
