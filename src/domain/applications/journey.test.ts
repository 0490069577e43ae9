/**
 * An application form as a journey: the region only where the form is offered in more than one,
 * who is applying, the person's details (with the certificate checked against the ID number and
 * a child never alone), the submitter's details and the person's agreement, each form page as its
 * conditions allow, the documents checklist; every error on a page listed; back and the rows of
 * check your answers from the engine.
 */
import { describe, expect, it } from 'vitest';
import { back, checkAnswersRows, submit, trail } from '../journey';
import type { Fields } from '../answers';
import { idFor } from '../../../tests/people';
import { applicationJourney, emptyApplication, fromSelfCheck, type ApplicationState } from './journey';
import { formById, twoSubsidies } from './forms';

const AS_OF = '2026-12-02';
const context = { asOf: AS_OF };
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
const father = idFor('19560307');
const daughter = idFor('19850101');

function fill(journey: ReturnType<typeof applicationJourney>, ...posts: [string, Record<string, string | string[]>][]): ApplicationState {
  return posts.reduce<ApplicationState>((s, [id, values]) => {
    const step = journey.stepIn(id, s);
    if (!step || !step.canShow(s)) throw new Error(`${id} cannot show`);
    const done = submit(step, s, fields(values), context);
    if (!done.ok) throw new Error(`${id}: ${[done.error, ...(done.more ?? [])].map((e) => `${e.field}:${e.code}`).join(', ')}`);
    return done.state;
  }, emptyApplication());
}

describe('the two subsidies as a journey', () => {
  const journey = applicationJourney(twoSubsidies, ['jilin-city', 'changsha-yuhua'], AS_OF);

  it("goes region, who, person, submitter, the form's pages as they apply, documents, then the end", () => {
    let s = emptyApplication();
    expect(journey.next(s)).toBe('region');
    s = fill(journey, ['region', { region: 'jilin-city' }], ['who', { role: 'supportDuty' }]);
    expect(journey.next(s)).toBe('person');
    s = fill(
      journey,
      ['region', { region: 'jilin-city' }],
      ['who', { role: 'supportDuty' }],
      ['person', { name: '王建国', idNumber: father, certificateNumber: `${father}42`, address: '吉林市船营区某街1号' }],
    );
    expect(journey.next(s)).toBe('submitter');
    // The person is an adult: their agreement is asked.
    expect(journey.questions('submitter', s).map((q) => q.id)).toEqual(['submitterName', 'submitterIdNumber', 'submitterPhone', 'agreement']);
    s = fill(
      journey,
      ['region', { region: 'jilin-city' }],
      ['who', { role: 'supportDuty' }],
      ['person', { name: '王建国', idNumber: father, certificateNumber: `${father}42`, address: '吉林市船营区某街1号' }],
      ['submitter', { submitterName: '王丽', submitterIdNumber: daughter, submitterPhone: '138 0000 1234', agreement: 'agrees' }],
      ['page-subsidies', { subsidies: ['nursing-subsidy'] }],
    );
    // Only the nursing subsidy: care needs, not the household.
    expect(journey.next(s)).toBe('page-care');
    s = fill(
      journey,
      ['region', { region: 'jilin-city' }],
      ['who', { role: 'supportDuty' }],
      ['person', { name: '王建国', idNumber: father, certificateNumber: `${father}42`, address: '吉林市船营区某街1号' }],
      ['submitter', { submitterName: '王丽', submitterIdNumber: daughter, submitterPhone: '138 0000 1234', agreement: 'agrees' }],
      ['page-subsidies', { subsidies: ['nursing-subsidy'] }],
      ['page-care', { needsLongTermCare: 'yes' }],
    );
    expect(journey.next(s)).toBe('documents');
    expect(journey.questions('documents', s).map((q) => q.id)).toEqual([
      'material-certificate',
      'material-idCard',
      'material-householdRegister',
      'material-approvalForm',
      'material-photos',
      'material-other',
    ]);
    const done = fill(
      journey,
      ['region', { region: 'jilin-city' }],
      ['who', { role: 'supportDuty' }],
      ['person', { name: '王建国', idNumber: father, certificateNumber: `${father}42`, address: '吉林市船营区某街1号' }],
      ['submitter', { submitterName: '王丽', submitterIdNumber: daughter, submitterPhone: '138 0000 1234', agreement: 'agrees' }],
      ['page-subsidies', { subsidies: ['nursing-subsidy'] }],
      ['page-care', { needsLongTermCare: 'yes' }],
      [
        'documents',
        {
          'material-certificate': 'upload',
          'material-idCard': 'bring',
          'material-householdRegister': 'bring',
          'material-approvalForm': 'bring',
          'material-photos': 'bring',
          'material-other': 'bring',
        },
      ],
    );
    expect(journey.next(done)).toBe('end');
    expect(done.person).toMatchObject({ name: '王建国', idNumber: father });
    expect(done.submitter).toMatchObject({ submitterPhone: '13800001234', agreement: 'agrees' });
    expect(done.answers).toEqual({ subsidies: ['nursing-subsidy'], needsLongTermCare: true });
    expect(done.materials).toMatchObject({ 'material-certificate': 'upload', 'material-idCard': 'bring' });
    // Back and the rows come from the engine's trail.
    expect(back(journey, done, 'documents')).toEqual({ to: 'page-care', number: 7 });
    expect(checkAnswersRows(journey, done, journey.order(done)).map((r) => r.id)).toEqual(['region', 'who', 'person', 'submitter', 'page-subsidies', 'page-care', 'documents']);
  });

  it('lists every error on a page at once', () => {
    const s = fill(journey, ['region', { region: 'jilin-city' }], ['who', { role: 'self' }]);
    const done = submit(journey.stepIn('person', s)!, s, fields({ name: '', idNumber: '123', certificateNumber: '', phone: 'x', address: '' }), context);
    expect(done.ok).toBe(false);
    if (done.ok) return;
    expect([done.error, ...(done.more ?? [])].map((e) => `${e.field}:${e.code}`)).toEqual([
      'name:textRequired',
      'certificateNumber:certificate.empty',
      'phone:phoneInvalid',
      'address:textRequired',
    ]);
  });

  it('asks the person themself for their phone, and someone applying for them only optionally', () => {
    const self = fill(journey, ['region', { region: 'jilin-city' }], ['who', { role: 'self' }]);
    const noPhone = submit(journey.stepIn('person', self)!, self, fields({ name: '王建国', idNumber: father, certificateNumber: `${father}42`, address: '某街1号' }), context);
    expect(noPhone).toMatchObject({ ok: false, error: { field: 'phone', code: 'textRequired' } });
    const helper = fill(journey, ['region', { region: 'jilin-city' }], ['who', { role: 'guardian' }]);
    expect(submit(journey.stepIn('person', helper)!, helper, fields({ name: '王建国', idNumber: father, certificateNumber: `${father}42`, address: '某街1号' }), context).ok).toBe(true);
  });

  it('never asks the ID number where the certificate number gives it, and refuses a child applying alone', () => {
    const self = fill(journey, ['region', { region: 'jilin-city' }], ['who', { role: 'self' }]);
    expect(journey.questions('person', self).map((q) => q.id)).toEqual(['name', 'certificateNumber', 'phone', 'address']);
    const done = submit(journey.stepIn('person', self)!, self, fields({ name: '王建国', certificateNumber: `${father}42`, phone: '13800001234', address: '某街1号' }), context);
    expect(done.ok && done.state.person).toMatchObject({ idNumber: father, certificateNumber: `${father}42` });
    const child = idFor('20200601');
    expect(submit(journey.stepIn('person', self)!, self, fields({ name: '小明', certificateNumber: `${child}42`, phone: '13800001234', address: '某街1号' }), context)).toMatchObject({
      ok: false,
      error: { field: 'certificateNumber', code: 'childNeedsGuardian' },
    });
  });

  it('takes the ID number from the certificate where the certificate is optional, and refuses the two when they differ or both are missing', () => {
    const child = applicationJourney(formById('child-rehabilitation')!, ['jilin-city'], AS_OF);
    const s = fill(child, ['who', { role: 'guardian' }]);
    expect(child.questions('person', s).map((q) => q.id)).toEqual(['name', 'certificateNumber', 'idNumber', 'phone', 'address']);
    const kid = idFor('20200601');
    const read = (values: Record<string, string>) => submit(child.stepIn('person', s)!, s, fields({ name: '小明', address: '某街1号', ...values }), context);
    expect(read({ certificateNumber: `${kid}42` })).toMatchObject({ ok: true, state: { person: { idNumber: kid } } });
    expect(read({ idNumber: kid })).toMatchObject({ ok: true, state: { person: { idNumber: kid } } });
    expect(read({ idNumber: kid, certificateNumber: `${idFor('20190101')}42` })).toMatchObject({ ok: false, error: { field: 'certificateNumber', code: 'certificateMismatch' } });
    expect(read({})).toMatchObject({ ok: false, error: { field: 'idNumber', code: 'required' } });
    // Listed with the page's other problems at once, in the page's order; a number already refused is not asked for again.
    const all = (values: Record<string, string>) => {
      const done = submit(child.stepIn('person', s)!, s, fields(values), context);
      return done.ok ? [] : [done.error, ...(done.more ?? [])].map((e) => `${e.field}:${e.code}`);
    };
    expect(all({ name: '', address: '' })).toEqual(['name:textRequired', 'idNumber:required', 'address:textRequired']);
    expect(all({ name: '', idNumber: '123', address: '某街1号' })).toEqual(['name:textRequired', 'idNumber:idNumber.length']);
  });

  it("drops the submitter when the person then says they apply themself, and never asks a child's agreement", () => {
    const s = fill(
      journey,
      ['region', { region: 'jilin-city' }],
      ['who', { role: 'guardian' }],
      ['person', { name: '小明', idNumber: idFor('20200601'), certificateNumber: `${idFor('20200601')}42`, address: '某街1号' }],
    );
    expect(journey.questions('submitter', s).map((q) => q.id)).toEqual(['submitterName', 'submitterIdNumber', 'submitterPhone']);
    const withSubmitter = fill(
      journey,
      ['region', { region: 'jilin-city' }],
      ['who', { role: 'supportDuty' }],
      ['person', { name: '王建国', idNumber: father, certificateNumber: `${father}42`, address: '某街1号' }],
      ['submitter', { submitterName: '王丽', submitterIdNumber: daughter, submitterPhone: '13800001234', agreement: 'cannotSay' }],
      ['who', { role: 'self' }],
    );
    expect(withSubmitter.submitter).toBeUndefined();
    expect(trail(journey, withSubmitter)).toEqual(['region', 'who', 'person']);
  });
});

describe('a form offered in one region', () => {
  it('starts at who is applying, and an optional-only page counts once it is posted', () => {
    const form = formById('child-rehabilitation')!;
    const journey = applicationJourney(form, ['jilin-city'], AS_OF);
    expect(journey.next(emptyApplication())).toBe('who');
    const child = idFor('20210301');
    const s = fill(
      journey,
      ['who', { role: 'guardian' }],
      ['person', { name: '小明', idNumber: child, address: '吉林市某街1号' }],
      ['submitter', { submitterName: '李华', submitterIdNumber: daughter, submitterPhone: '13800001234' }],
      ['page-disability', { isAutistic: 'yes', category: 'dontKnow' }],
    );
    expect(journey.next(s)).toBe('page-rehabilitation');
    const posted = fill(
      journey,
      ['who', { role: 'guardian' }],
      ['person', { name: '小明', idNumber: child, address: '吉林市某街1号' }],
      ['submitter', { submitterName: '李华', submitterIdNumber: daughter, submitterPhone: '13800001234' }],
      ['page-disability', { isAutistic: 'yes', category: 'dontKnow' }],
      ['page-rehabilitation', { currentProvider: '' }],
    );
    expect(journey.next(posted)).toBe('documents');
    // No source lists this form's materials: only "anything else" is offered.
    expect(journey.questions('documents', posted).map((q) => q.id)).toEqual(['material-other']);
  });
});

describe('what the self-check and the certificate number already answered (WCAG 3.3.7)', () => {
  it('carries the region and each same question, and asks a page again only for what is new', () => {
    const started = fromSelfCheck(twoSubsidies, ['jilin-city', 'changsha-yuhua'], { region: 'jilin-city', answers: { household: 'dibao', needsLongTermCare: true, level: 1 } }, context);
    expect(started).toEqual({ region: 'jilin-city', answers: { household: 'dibao', needsLongTermCare: true }, carried: { household: 'selfCheck', needsLongTermCare: 'selfCheck' } });
    const journey = applicationJourney(twoSubsidies, ['jilin-city', 'changsha-yuhua'], AS_OF);
    // The region is not asked again; who is applying is.
    expect(journey.next(started)).toBe('who');
    let state: ApplicationState = started;
    for (const [id, values] of [
      ['who', { role: 'self' }],
      ['person', { name: '王建国', certificateNumber: `${father}12`, phone: '13800001234', address: '某街1号' }],
      ['page-subsidies', { subsidies: ['living-subsidy', 'nursing-subsidy'] }],
    ] as const) {
      const done = submit(journey.stepIn(id, state)!, state, fields(values as Record<string, string | string[]>), context);
      if (!done.ok) throw new Error(id);
      state = done.state;
    }
    // Both pages the self-check answered are skipped: documents is next, and check your answers lists them.
    expect(journey.next(state)).toBe('documents');
    expect(state.answers).toEqual({ subsidies: ['living-subsidy', 'nursing-subsidy'], household: 'dibao', needsLongTermCare: true });
    expect(checkAnswersRows(journey, state, journey.order(state)).map((r) => r.id)).toEqual(['region', 'who', 'person', 'page-subsidies', 'page-household', 'page-care']);
    // Only the living subsidy: the care answer is dropped, not sent.
    const living = submit(journey.stepIn('page-subsidies', state)!, state, fields({ subsidies: ['living-subsidy'] }), context);
    expect(living.ok && living.state.answers).toEqual({ subsidies: ['living-subsidy'], household: 'dibao' });
  });

  it('leaves out what the form cannot take: an unknown region, an answer the form has no option for', () => {
    expect(fromSelfCheck(twoSubsidies, ['jilin-city'], { region: 'somewhere-else', answers: { household: 'notAHousehold', needsLongTermCare: 'maybe' } }, context)).toEqual({ answers: {} });
  });

  it('fills the category from the certificate number, over the self-check, until the page is posted', () => {
    const form = formById('child-rehabilitation')!;
    const journey = applicationJourney(form, ['jilin-city'], AS_OF);
    const kid = idFor('20200601');
    const started = fromSelfCheck(form, ['jilin-city'], { region: 'jilin-city', answers: { isAutistic: true, category: 'physical' } }, context);
    expect(started.carried).toEqual({ isAutistic: 'selfCheck', category: 'selfCheck' });
    let state = started;
    for (const [id, values] of [
      ['who', { role: 'guardian' }],
      // Category digit 5: intellectual.
      ['person', { name: '小明', certificateNumber: `${kid}52`, address: '某街1号' }],
    ] as const) {
      const done = submit(journey.stepIn(id, state)!, state, fields(values as Record<string, string>), context);
      if (!done.ok) throw new Error(id);
      state = done.state;
    }
    expect(state.answers).toMatchObject({ isAutistic: true, category: 'intellectual' });
    expect(state.carried).toEqual({ isAutistic: 'selfCheck', category: 'certificate' });
    // A page partly answered elsewhere is shown; posting it confirms, and the marks go.
    const partly = { ...state, answers: { category: 'intellectual' }, carried: { category: 'certificate' as const } };
    expect(journey.next(partly)).not.toBe('page-rehabilitation');
    const posted = submit(journey.stepIn('page-disability', partly)!, partly, fields({ isAutistic: 'no', category: 'intellectual' }), context);
    expect(posted.ok && posted.state.carried).toBeUndefined();
  });
});
