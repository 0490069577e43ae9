/**
 * One page of an application's journey, GET or POST (issue 11 points 3-5): whether it can show
 * (or where to go instead), the posted page read with the form's answer types and saved into the
 * draft (POST-redirect-GET: a 303 to the next page), or refused (400, every error listed); the
 * documents page's uploads, replacements and removals; "back" and the page's number. The page
 * renders what this returns.
 */
import type { AstroGlobal } from 'astro';
import type { AnswerError, FieldValues } from '../../domain/answers';
import { back, fieldValues, submit, type Step } from '../../domain/journey';
import type { FormQuestion } from '../../domain/applications/form';
import type { ApplicationState, ApplyStepId } from '../../domain/applications/journey';
import { addDocument, draftDocuments, removeDocument, type DocumentInfo } from './documents';
import { uploadLimit } from './uploads';
import { openApplyPage, postedForm, type ApplyPage, type TypedFields } from './apply-page';
import { formDataFields } from '../../domain/answers';

/** A problem to show: an answer type's error (worded by its code), or an upload's (worded by the page). */
export type PageError = (AnswerError & { kind: 'answer' }) | { kind: 'upload'; field: string; code: string } | { kind: 'origin'; field: string };

export interface StepView extends ApplyPage {
  id: ApplyStepId;
  step: Step<ApplicationState, ApplyStepId>;
  questions: FormQuestion[];
  errors: PageError[];
  values: FieldValues;
  back: string;
  number: number;
  /** The documents page: the draft's files. */
  documents: DocumentInfo[];
  /** Came from check your answers: Continue goes back there once nothing is missing. */
  changing: boolean;
}

const UPLOAD_ACTIONS = new Set(['upload', 'remove']);

/** The fields a step posts, as typed (the island's autosave keeps only these, and no file). */
function typedFields(data: FormData, names: readonly string[]): TypedFields {
  const typed: TypedFields = {};
  for (const name of names) {
    const all = data.getAll(name).filter((v): v is string => typeof v === 'string');
    if (all.length) typed[name] = all.length > 1 ? all : all[0]!;
  }
  return typed;
}

export async function stepPage(Astro: AstroGlobal): Promise<StepView | Response> {
  const page = await openApplyPage(Astro);
  if (page instanceof Response) return page;
  const { journey, state, draft } = page;
  if (!draft) return Astro.redirect(page.path(), 303);
  const id = Astro.params.step ?? '';
  const step = journey.stepIn(id, state);
  if (!step) return Astro.rewrite('/404');
  const next = (s: ApplicationState) => {
    const to = journey.next(s);
    return page.path(to === 'end' ? 'check' : to);
  };
  if (!step.canShow(state)) return Astro.redirect(next(state), 303);
  const changing = Astro.url.searchParams.get('change') === '1';
  const errors: PageError[] = [];
  let posted: FormData | undefined;

  if (Astro.request.method === 'POST') {
    const data = await postedForm(Astro);
    if (!data) errors.push({ kind: 'origin', field: step.answer.fields[0] ?? 'step-heading' });
    else {
      posted = data;
      // A file's own remove button names the file; every other button names its action.
      const action = data.get('remove') ? 'remove' : (data.get('action')?.toString() ?? 'continue');
      // The island's autosave: what is typed is kept as typed, unread, until Continue reads it.
      if (action === 'autosave') {
        if (!(await page.saveTyped(step.id, typedFields(data, step.answer.fields)))) return new Response(null, { status: 410 });
        return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
      }
      if (id === 'documents') errors.push(...(await handleFiles(page, draft.id, data)));
      if (UPLOAD_ACTIONS.has(action) && errors.length === 0) return Astro.redirect(`${page.path('documents')}${changing ? '?change=1' : ''}#files`, 303);
      if (!UPLOAD_ACTIONS.has(action)) {
        const done = submit(step, state, formDataFields(data), { asOf: page.asOf });
        if (!done.ok) errors.push(...[done.error, ...(done.more ?? [])].map((e) => ({ ...e, kind: 'answer' as const })));
        else if (id === 'documents') errors.push(...(await missingUploads(page, draft.id, done.state)));
        if (errors.length === 0 && done.ok) {
          if (!(await page.save(done.state, step.id))) return Astro.redirect(page.path(), 303);
          if (action === 'save') return Astro.redirect(page.path('save'), 303);
          const to = journey.next(done.state);
          return Astro.redirect(changing && to === 'end' ? page.path('check') : next(done.state), 303);
        }
      }
    }
    Astro.response.status = 400;
  }
  const { to, number } = back(journey, state, step.id);
  const postedFields = posted && formDataFields(posted);
  return {
    ...page,
    id: step.id,
    step,
    questions: journey.questions(step.id, state),
    errors,
    // A form page shows every answer it holds, those carried from the self-check included, even before it is done.
    values: postedFields
      ? fieldValues(step, state, postedFields)
      : // What the island saved as typed comes before what was last continued with.
        { ...(id.startsWith('page-') ? step.answer.toFields(state.answers) : fieldValues(step, state)), ...(page.typed[step.id] ?? {}) },
    back: changing ? page.path('check') : to === 'start' ? page.path() : page.path(to),
    number,
    documents: id === 'documents' ? await draftDocuments(page.db, draft.id) : [],
    changing,
  };
}

/** The documents page's files: each chosen file added (or replacing one), and a removal; every problem listed at its field. */
async function handleFiles(page: ApplyPage, draftId: string, data: FormData): Promise<PageError[]> {
  const errors: PageError[] = [];
  const remove = data.get('remove')?.toString();
  if (remove) await removeDocument(page.db, draftId, remove);
  const limit = uploadLimit(process.env);
  for (const [name, value] of data.entries()) {
    if (!name.startsWith('file-') || typeof value === 'string' || value.size === 0) continue;
    const material = name.slice('file-'.length);
    const replace = data.get(`replace-${material}`)?.toString() || undefined;
    const bytes = value.size > limit ? new Uint8Array(limit + 1) : new Uint8Array(await value.arrayBuffer());
    const added = await addDocument(page.db, draftId, { material, name: value.name, bytes, ...(replace && { replace }) }, Date.now(), {
      maxBytes: limit,
      maxFiles: 20,
      maxTotalBytes: 50 * 1024 * 1024,
    });
    if (!added.ok) errors.push({ kind: 'upload', field: name, code: added.problem });
  }
  return errors;
}

/** A material to be uploaded here with no file yet. */
async function missingUploads(page: ApplyPage, draftId: string, state: ApplicationState): Promise<PageError[]> {
  const files = await draftDocuments(page.db, draftId);
  return Object.entries(state.materials ?? {})
    .filter(([field, choice]) => choice === 'upload' && !files.some((f) => `material-${f.material}` === field))
    .map(([field]) => ({ kind: 'upload' as const, field: `file-${field.slice('material-'.length)}`, code: 'missing' }));
}
