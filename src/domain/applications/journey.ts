/**
 * 申请流程 An application form as a journey on the engine (issue 11 point 3): the region where
 * the person's household is registered (when the form is offered in more than one), who is
 * applying, the person's details, the submitter's own details and the person's agreement (when
 * someone applies for them), the form's pages, and the documents checklist; then check your
 * answers. A step is a close group of questions read together, every error listed. The state is
 * what a draft keeps (server/applications/drafts.ts). Pure: the regions offering the form and
 * today's date come in.
 */
import { oneOf, readKept, type AnswerError, type AnswerType, type Fields, type ReadContext } from '../answers';
import { parseCertificateNumber, parseIdNumber } from '../identity';
import type { Journey, Step, Trail } from '../journey';
import { ageOn, personIdNumber, personQuestions, submitterQuestions, HELPER_ROLES } from './applicant';
import { askedOn, isEmpty, materialsFor, pruneAnswers, readPage, type ApplicationForm, type FormAnswers, type FormQuestion } from './form';
import { OTHER_DOCUMENTS } from './forms';
import { roleProblem, SUBMITTER_ROLES, type SubmitterRole } from './submitter';

/** What is done with each material: uploaded here, or brought to the office. */
export const MATERIAL_CHOICES = ['upload', 'bring'] as const;
export type MaterialChoice = (typeof MATERIAL_CHOICES)[number];

/** The person's agreement, when someone else applies for an adult. */
export const AGREEMENT = ['agrees', 'cannotSay'] as const;
export type Agreement = (typeof AGREEMENT)[number];

export interface ApplicationState extends Trail<ApplyStepId> {
  region?: string;
  role?: SubmitterRole;
  /** The person's details, by question id (name, idNumber…). */
  person?: Record<string, string>;
  /** The submitter's details and the person's agreement. */
  submitter?: Record<string, string>;
  answers: FormAnswers;
  /** Per material needed: uploaded or brought. */
  materials?: Record<string, MaterialChoice>;
  /**
   * Form answers already given elsewhere, by question id: in the self-check, or by the
   * certificate number. They are not asked again (WCAG 3.3.7): check your answers shows each,
   * marked, to confirm or change. A page the person posts confirms its own.
   */
  carried?: Record<string, CarriedFrom>;
}

/** Where an answer the form did not ask came from. */
export type CarriedFrom = 'selfCheck' | 'certificate';

export const emptyApplication = (): ApplicationState => ({ answers: {} });

/** The carried marks without those of `questions` (their page was posted: the person confirmed them). */
function uncarry(carried: ApplicationState['carried'], questions: readonly FormQuestion[]): ApplicationState['carried'] {
  if (!carried) return undefined;
  const left = Object.fromEntries(Object.entries(carried).filter(([id]) => !questions.some((q) => q.id === id)));
  return Object.keys(left).length ? left : undefined;
}

/** `value` as `q`'s answer type reads it, or undefined when the type does not take it (an "I don't know" where the form needs an answer, say). */
function readAs(q: FormQuestion, value: unknown, context: ReadContext): unknown {
  const read = value === undefined ? undefined : readKept(q.answer, value, context);
  return read?.ok ? read.value : undefined;
}

/** What a finished or half-done self-check knows: where the household is registered, and its answers by question id. */
export interface SelfCheckAnswers {
  region?: string;
  answers: object;
}

/**
 * A new application's state from the self-check (issue 11 point 2, WCAG 3.3.7): the region, when
 * the form is offered there, and each form question that is the self-check's own (`sameAs`),
 * when its answer type takes the answer given there. Each is marked carried, for check your
 * answers to show.
 */
export function fromSelfCheck(form: ApplicationForm, regions: readonly string[], check: SelfCheckAnswers, context: ReadContext): ApplicationState {
  const answers: FormAnswers = {};
  const carried: Record<string, CarriedFrom> = {};
  for (const q of form.pages.flatMap((p) => p.questions)) {
    if (!q.sameAs) continue;
    const value = readAs(q, (check.answers as Record<string, unknown>)[q.sameAs], context);
    if (value === undefined) continue;
    answers[q.id] = value;
    carried[q.id] = 'selfCheck';
  }
  const region = check.region && regions.includes(check.region) ? check.region : undefined;
  // Kept whole: an answer a later page's condition will ask for stays until that page is posted (each post prunes).
  return { ...(region && { region }), answers, ...(Object.keys(carried).length && { carried }) };
}

/**
 * What the person's certificate number answers of the form (its category digit), unless the
 * person has posted that page already: the number is the record, so it wins over the
 * self-check's answer.
 */
function fromCertificate(form: ApplicationForm, state: ApplicationState, certificate: string | undefined, context: ReadContext): ApplicationState {
  const parsed = certificate ? parseCertificateNumber(certificate, context.asOf) : undefined;
  if (!parsed?.ok || !parsed.value.category) return state;
  let next = state;
  for (const page of form.pages) {
    if ((state.trail ?? []).includes(`page-${page.id}`)) continue;
    for (const q of page.questions) {
      if (q.sameAs !== 'category') continue;
      const value = readAs(q, parsed.value.category, context);
      if (value === undefined) continue;
      next = { ...next, answers: { ...next.answers, [q.id]: value }, carried: { ...next.carried, [q.id]: 'certificate' } };
    }
  }
  return next;
}

/** A page of several questions, read together: every field's value, or every error on the page. */
type Group = Record<string, unknown>;

/**
 * A page of questions as one answer type. `check` looks across the answers (the certificate
 * against the ID number, say); it runs whatever else is wrong on the page, told which fields are
 * wrong already, so every problem is listed at once, in the page's order.
 */
function group(questions: readonly FormQuestion[], check?: (values: Group, context: ReadContext, wrong: ReadonlySet<string>) => AnswerError | undefined): AnswerType<Group> {
  const order = questions.flatMap((q) => q.answer.fields);
  return {
    kind: 'group',
    fields: order,
    allowsUnknown: false,
    read(fields: Fields, context: ReadContext) {
      const values: Group = {};
      const errors: AnswerError[] = [];
      for (const q of questions) {
        // An optional question left empty is no answer, not a wrong one.
        if (q.optional && isEmpty(q, fields)) continue;
        const read = q.answer.read(fields, context);
        if (read.kind === 'value') values[q.id] = read.value;
        else if (read.kind === 'error') errors.push(read.error);
      }
      const across = check?.(values, context, new Set(errors.map((e) => e.field)));
      if (across) errors.push(across);
      errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
      return errors.length ? { kind: 'error', error: errors[0]!, more: errors.slice(1) } : { kind: 'value', value: values };
    },
    toFields: (values) => Object.fromEntries(questions.flatMap((q) => (values[q.id] === undefined ? [] : Object.entries(q.answer.toFields(values[q.id]))))),
  };
}

const birthDateOf = (state: ApplicationState, asOf: string): string | undefined => {
  const id = state.person?.idNumber;
  const parsed = id ? parseIdNumber(id, asOf) : undefined;
  return parsed?.ok ? parsed.value.birthDate : undefined;
};

/** The person's age today, once their ID number is known. */
export const personAge = (state: ApplicationState, asOf: string): number | undefined => {
  const birth = birthDateOf(state, asOf);
  return birth ? ageOn(birth, asOf) : undefined;
};

/** Whether the submitter is asked for the person's agreement: someone else applies for an adult (14 or over). */
const asksAgreement = (state: ApplicationState, asOf: string) => state.role !== undefined && state.role !== 'self' && (personAge(state, asOf) ?? 0) >= 14;

export type ApplyStepId = 'region' | 'who' | 'person' | 'submitter' | 'documents' | `page-${string}`;

export interface ApplicationJourney extends Journey<ApplicationState, ApplyStepId> {
  /** Every step id, in the form's order (check your answers lists them so). */
  order(state: ApplicationState): ApplyStepId[];
  /** The questions the step asks now (for the page to render each). */
  questions(id: ApplyStepId, state: ApplicationState): FormQuestion[];
  /** The step as it reads a post in `state` (its questions depend on the answers so far); `step` serves the engine's trail and rows. */
  stepIn(id: string, state: ApplicationState): Step<ApplicationState, ApplyStepId> | undefined;
}

/**
 * The journey of `form` for a person in one of `regions` (the regions offering it), judged on
 * `asOf`.
 */
export function applicationJourney(form: ApplicationForm, regions: readonly string[], asOf: string): ApplicationJourney {
  const person = (state: ApplicationState) => personQuestions({ requiresCertificate: form.requiresCertificate, forSomeoneElse: state.role !== undefined && state.role !== 'self' });
  const agreement: FormQuestion = {
    id: 'agreement',
    answer: oneOf(AGREEMENT, { allowsUnknown: false, field: 'agreement' }) as AnswerType<unknown>,
    label: { zh: '残疾人本人同意这份申请吗？', en: 'Does the disabled person agree to this application?' },
    hint: { zh: '能表达意见的，请先问问他或她本人。', en: 'If they can say, ask them first.' },
    options: [
      { value: 'agrees', label: { zh: '同意', en: 'Yes, they agree' } },
      { value: 'cannotSay', label: { zh: '他或她不能表达意见', en: 'They cannot say' }, hint: { zh: '例如因为残疾不能表达', en: 'For example because of their disability' } },
    ],
  };
  const submitter = (state: ApplicationState) => [...submitterQuestions(), ...(asksAgreement(state, asOf) ? [agreement] : [])];
  const materials = (state: ApplicationState) => [...materialsFor(form, state.answers, state.role ?? 'self'), OTHER_DOCUMENTS];
  const materialQuestion = (id: string, label: FormQuestion['label'], hint?: FormQuestion['hint']): FormQuestion => ({
    id: `material-${id}`,
    answer: oneOf(MATERIAL_CHOICES, { allowsUnknown: false, field: `material-${id}` }) as AnswerType<unknown>,
    label,
    ...(hint && { hint }),
    options: [
      { value: 'upload', label: { zh: '在这里上传', en: 'Upload it here' } },
      { value: 'bring', label: { zh: '带到受理窗口', en: 'Bring it to the office' } },
    ],
  });
  const documents = (state: ApplicationState) => materials(state).map((m) => materialQuestion(m.id, m.label, m.hint));

  const steps = new Map<string, Step<ApplicationState, ApplyStepId>>();
  type AnyStep = Step<ApplicationState, ApplyStepId, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const add = (step: AnyStep) => steps.set(step.id, step as Step<ApplicationState, ApplyStepId>);

  const region: Step<ApplicationState, ApplyStepId, string> = {
    id: 'region',
    answer: oneOf(regions, { allowsUnknown: false, field: 'region' }),
    canShow: () => regions.length > 1,
    apply: (s, a) => (a.kind === 'value' ? { ...s, region: a.value } : s),
    saved: (s) => (s.region && regions.includes(s.region) ? { kind: 'value', value: s.region } : undefined),
  };
  add(region);
  const who: Step<ApplicationState, ApplyStepId, SubmitterRole> = {
    id: 'who',
    answer: oneOf(SUBMITTER_ROLES, { allowsUnknown: false, field: 'role' }),
    canShow: (s) => regions.length === 1 || s.region !== undefined,
    apply: (s, a) => (a.kind === 'value' ? { ...s, role: a.value, ...(a.value === 'self' ? { submitter: undefined } : {}) } : s),
    saved: (s) => (s.role ? { kind: 'value', value: s.role } : undefined),
  };
  add(who);
  const personStep: Step<ApplicationState, ApplyStepId, Group> = {
    id: 'person',
    answer: group(person({ answers: {} })),
    canShow: (s) => s.role !== undefined,
    apply: (s, a) => (a.kind === 'value' ? fromCertificate(form, { ...s, person: a.value as Record<string, string> }, (a.value as Record<string, string>).certificateNumber, { asOf }) : s),
    saved: (s) => (s.person ? { kind: 'value', value: s.person } : undefined),
  };
  add(personStep);
  add({
    id: 'submitter',
    answer: group(submitterQuestions()),
    canShow: (s) => s.role !== undefined && s.role !== 'self' && s.person !== undefined,
    apply: (s, a) => (a.kind === 'value' ? { ...s, submitter: a.value as Record<string, string> } : s),
    saved: (s) => (s.submitter ? { kind: 'value', value: s.submitter } : undefined),
  });
  /** A page is done once posted (it is on the trail) with every required question it asks now answered. */
  const pageDone = (page: ApplicationForm['pages'][number], st: ApplicationState) => {
    const asked = askedOn(page, st.answers);
    const answered = asked.every((q) => q.optional || st.answers[q.id] !== undefined);
    // A page every question of which was answered elsewhere is not asked again.
    const carried = asked.every((q) => st.carried?.[q.id] !== undefined);
    return asked.length === 0 || (answered && ((st.trail ?? []).includes(`page-${page.id}`) || carried));
  };
  for (const page of form.pages) {
    add({
      id: `page-${page.id}`,
      answer: group(page.questions),
      canShow: (s) => s.person !== undefined && (s.role === 'self' || s.submitter !== undefined) && askedOn(page, s.answers).length > 0,
      apply: (s, a) => (a.kind === 'value' ? { ...s, answers: pruneAnswers(form, { ...s.answers, ...(a.value as FormAnswers) }) } : s),
      saved: (s) => (askedOn(page, s.answers).length > 0 && pageDone(page, s) ? { kind: 'value', value: s.answers } : undefined),
    });
  }
  add({
    id: 'documents',
    answer: group([]),
    canShow: (s) => s.person !== undefined && (s.role === 'self' || s.submitter !== undefined) && form.pages.every((p) => pageDone(p, s)),
    apply: (s, a) => (a.kind === 'value' ? { ...s, materials: a.value as Record<string, MaterialChoice> } : s),
    saved: (s) => (s.materials ? { kind: 'value', value: s.materials } : undefined),
  });

  const order = (state: ApplicationState): ApplyStepId[] =>
    (['region', 'who', 'person', 'submitter', ...form.pages.map((p) => `page-${p.id}` as ApplyStepId), 'documents'] as ApplyStepId[]).filter((id) => steps.get(id)!.canShow(state));

  /** The step as it reads in `state`: its questions depend on the answers so far. */
  const live = (id: string, state: ApplicationState): Step<ApplicationState, ApplyStepId> | undefined => {
    const step = steps.get(id);
    if (!step) return undefined;
    if (id === 'person') return { ...step, answer: group(person(state), (values, _context, wrong) => personCheck(values, state, wrong)) } as Step<ApplicationState, ApplyStepId>;
    if (id === 'submitter') return { ...step, answer: group(submitter(state)) } as Step<ApplicationState, ApplyStepId>;
    if (id === 'documents') return { ...step, answer: group(documents(state)) } as Step<ApplicationState, ApplyStepId>;
    if (id.startsWith('page-')) {
      const page = form.pages.find((p) => `page-${p.id}` === id)!;
      // A condition on an answer on the same page reads what is posted: readPage does that.
      return {
        ...step,
        answer: {
          ...group(page.questions),
          read: (fields: Fields, context: ReadContext) => {
            const read = readPage(form, page, state.answers, fields, context);
            return read.ok ? { kind: 'value', value: read.answers } : { kind: 'error', error: read.errors[0]!, more: read.errors.slice(1) };
          },
        },
        // Posting the page confirms what it carried.
        apply: (s: ApplicationState, a: { kind: string; value?: unknown }) => (a.kind === 'value' ? { ...s, answers: a.value as FormAnswers, carried: uncarry(s.carried, page.questions) } : s),
      } as Step<ApplicationState, ApplyStepId>;
    }
    return step;
  };

  /**
   * The ID number, typed or taken from the certificate number (which it must match); a child
   * under 14 does not apply alone. The ID number found is kept with the person's details.
   */
  function personCheck(values: Group, state: ApplicationState, wrong: ReadonlySet<string>): AnswerError | undefined {
    // A number already refused says what is wrong with it.
    if (wrong.has('idNumber') || wrong.has('certificateNumber')) return undefined;
    const found = personIdNumber(values);
    if (!found.ok) return found.problem === 'mismatch' ? { code: 'certificateMismatch', field: 'certificateNumber' } : { code: 'required', field: 'idNumber' };
    values.idNumber = found.idNumber;
    const parsed = parseIdNumber(found.idNumber, asOf);
    if (parsed.ok && state.role && roleProblem(state.role, ageOn(parsed.value.birthDate, asOf))) return { code: 'childNeedsGuardian', field: form.requiresCertificate ? 'certificateNumber' : 'idNumber' };
    return undefined;
  }

  return {
    step: (id) => steps.get(id),
    next: (state) => order(state).find((id) => steps.get(id)!.saved(state) === undefined) ?? 'end',
    order,
    questions: (id, state) =>
      id === 'person'
        ? person(state)
        : id === 'submitter'
          ? submitter(state)
          : id === 'documents'
            ? documents(state)
            : id.startsWith('page-')
              ? askedOn(
                  form.pages.find((p) => `page-${p.id}` === id)!,
                  state.answers,
                )
              : [],
    stepIn: live,
  };
}

export { HELPER_ROLES };
