/**
 * The journey engine on its own, with a small form of the kind the applications will be (who
 * is applying, for whom, a phone number, the materials at hand): which step can show, submit,
 * the trail for "back" and the step number, the fields of a saved answer, the rows of
 * check-your-answers. Nothing here knows about the self-check.
 */
import { describe, expect, it } from 'vitest';
import { manyOf, oneOf, personName, phoneNumber, type Fields } from '../answers';
import { answerStep, back, checkAnswersRows, fieldValues, showable, submit, trail, type Answer, type Journey, type Step } from './journey';

type Id = 'applicant' | 'name' | 'phone' | 'materials';
interface FormState {
  answers: Partial<Record<Id, unknown>>;
  trail?: Id[];
}

const APPLICANTS = ['self', 'guardian', 'family', 'committee', 'authorised'] as const;
const MATERIALS = ['idCard', 'householdRegister', 'certificate', 'dibaoCertificate', 'bankAccount'] as const;

/** A step that keeps its answer under its id; `when` says when it applies. */
function step<V>(id: Id, answer: Step<FormState, Id, V>['answer'], when: (s: FormState) => boolean = () => true): Step<FormState, Id, V> {
  return {
    id,
    answer,
    canShow: when,
    apply: (s, a: Answer<V>) => ({ ...s, answers: { ...s.answers, [id]: a.kind === 'value' ? a.value : 'dontKnow' } }),
    saved: (s) => (s.answers[id] === undefined ? undefined : s.answers[id] === 'dontKnow' ? { kind: 'dontKnow' } : { kind: 'value', value: s.answers[id] as V }),
  };
}

const STEPS = [
  step('applicant', oneOf(APPLICANTS, { allowsUnknown: false })),
  // The applicant's own name only when applying for someone else.
  step('name', personName(), (s) => s.answers.applicant !== undefined && s.answers.applicant !== 'self'),
  step('phone', phoneNumber()),
  step('materials', manyOf(MATERIALS, { allowsUnknown: true })),
] as Step<FormState, Id>[];
const ORDER = STEPS.map((s) => s.id);

const form: Journey<FormState, Id> = {
  step: (id) => STEPS.find((s) => s.id === id),
  next: (s) => STEPS.find((x) => x.canShow(s) && x.saved(s) === undefined)?.id ?? 'end',
};

const AS_OF = { asOf: '2026-06-01' };
const fields = (values: Record<string, string | string[]>): Fields => ({
  get: (n) => {
    const v = values[n];
    return Array.isArray(v) ? v[0] : v;
  },
  getAll: (n) => {
    const v = values[n];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  },
});
const empty: FormState = { answers: {} };

/** Submits each step's fields in turn, as a person would, and returns the state. */
function fill(...posts: [Id, Record<string, string | string[]>][]): FormState {
  return posts.reduce<FormState>((s, [id, values]) => {
    const done = submit(form.step(id)!, s, fields(values), AS_OF);
    if (!done.ok) throw new Error(`${id}: ${done.error.code}`);
    return done.state;
  }, empty);
}

describe('the journey engine, on an application form', () => {
  it('routes each step to the next that applies, and to the end', () => {
    expect(form.next(empty)).toBe('applicant');
    expect(form.next(fill(['applicant', { answer: 'self' }]))).toBe('phone');
    expect(form.next(fill(['applicant', { answer: 'family' }]))).toBe('name');
    const done = fill(['applicant', { answer: 'self' }], ['phone', { phone: '138 0013 8000' }], ['materials', { answer: ['certificate', 'idCard'] }]);
    expect(form.next(done)).toBe('end');
  });

  it('shows a step only when it applies', () => {
    expect(showable(form, empty, 'name')).toBeUndefined();
    expect(showable(form, fill(['applicant', { answer: 'guardian' }]), 'name')?.id).toBe('name');
    expect(showable(form, empty, 'nonsense')).toBeUndefined();
  });

  it('refuses an answer with the error of its type, and leaves the state alone', () => {
    const s = fill(['applicant', { answer: 'self' }]);
    expect(submit(form.step('phone')!, s, fields({ phone: '12345' }), AS_OF)).toEqual({ ok: false, error: { code: 'phoneInvalid', field: 'phone' } });
    expect(submit(form.step('materials')!, s, fields({}), AS_OF)).toEqual({ ok: false, error: { code: 'required', field: 'answer' } });
    expect(s.trail).toEqual(['applicant']);
  });

  it('keeps the trail in the order first answered, so back goes where the person was', () => {
    const s = fill(['applicant', { answer: 'family' }], ['name', { name: '  王  小明 ' }], ['phone', { phone: '+86 10 1234 5678' }]);
    expect(s.trail).toEqual(['applicant', 'name', 'phone']);
    expect(back(form, s, 'phone')).toEqual({ to: 'name', number: 3 });
    expect(back(form, s, 'applicant')).toEqual({ to: 'start', number: 1 });
    // A step not answered yet: back to the last answered, and the next number.
    expect(back(form, s, 'materials')).toEqual({ to: 'phone', number: 4 });
    // Changing an earlier answer keeps its place on the trail.
    const changed = answerStep(form.step('applicant')!, s, { kind: 'value', value: 'guardian' });
    expect(changed.trail).toEqual(['applicant', 'name', 'phone']);
  });

  it('drops from the trail and the rows a step that no longer applies', () => {
    const s = fill(['applicant', { answer: 'family' }], ['name', { name: '王小明' }], ['phone', { phone: '13800138000' }]);
    const self = answerStep(form.step('applicant')!, s, { kind: 'value', value: 'self' });
    expect(trail(form, self)).toEqual(['applicant', 'phone']);
    expect(checkAnswersRows(form, self, ORDER).map((r) => r.id)).toEqual(['applicant', 'phone']);
    expect(back(form, self, 'phone')).toEqual({ to: 'applicant', number: 2 });
  });

  it('gives check-your-answers rows in the form’s order, with each answer as kept', () => {
    const s = fill(['materials', { answer: 'dontKnow' }], ['applicant', { answer: 'self' }], ['phone', { phone: '0432-12345678' }]);
    expect(checkAnswersRows(form, s, ORDER)).toEqual([
      { id: 'applicant', answer: { kind: 'value', value: 'self' } },
      { id: 'phone', answer: { kind: 'value', value: '0432-12345678' } },
      { id: 'materials', answer: { kind: 'dontKnow' } },
    ]);
  });

  it('shows a saved answer back in its fields, and what was posted after an error', () => {
    const s = fill(['applicant', { answer: 'self' }], ['phone', { phone: '138-0013-8000' }], ['materials', { answer: ['bankAccount', 'idCard'] }]);
    expect(fieldValues(form.step('phone')!, s)).toEqual({ phone: '13800138000' });
    expect(fieldValues(form.step('materials')!, s)).toEqual({ answer: ['idCard', 'bankAccount'] });
    expect(fieldValues(form.step('name')!, s)).toEqual({});
    expect(fieldValues(form.step('phone')!, s, fields({ phone: '12345' }))).toEqual({ phone: '12345' });
    expect(fieldValues(form.step('materials')!, s, fields({ answer: ['idCard', 'certificate'] }))).toEqual({ answer: ['idCard', 'certificate'] });
    const unsure = fill(['materials', { answer: 'dontKnow' }]);
    expect(fieldValues(form.step('materials')!, unsure)).toEqual({ answer: 'dontKnow' });
  });
});
