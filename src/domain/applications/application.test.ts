/**
 * The forms as data and the application's one schema: every form's pages, conditions and
 * materials; a page read from posted fields; the API's body checked with the same answer types
 * the pages use; every cross-field check.
 */
import { describe, expect, it } from 'vitest';
import { exampleApplication, idFor, TEST_REGION_SERVICES as regions } from '../../../tests/people';
import { applicationSchema, ageOn } from './application';
import { askedOn, materialsFor, pagesFor, pruneAnswers, questionsOf, readPage } from './form';
import { answersSchema } from './schemas';
import { FORMS, formById, formForService, twoSubsidies } from './forms';
import { personQuestions } from './applicant';

const AS_OF = '2026-12-02';
const context = { asOf: AS_OF };
const fields = (values: Record<string, string | string[]>) => ({
  get: (n: string) => {
    const v = values[n];
    return Array.isArray(v) ? v[0] : v;
  },
  getAll: (n: string) => {
    const v = values[n];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  },
});

const adult = idFor('19560307');
const body = (over: Record<string, unknown> = {}) =>
  exampleApplication({
    applicant: { ...exampleApplication().applicant, name: '王 建国' },
    ...over,
  });
const parse = (b: unknown) => applicationSchema(regions, context).safeParse(b);
const codes = (b: unknown) => {
  const r = parse(b);
  return r.success
    ? []
    : r.error.issues.map(
        (i) => `${i.path.join('.')}:${(i as { params?: { code?: string; answerCode?: string } }).params?.code ?? (i as { params?: { answerCode?: string } }).params?.answerCode ?? i.code}`,
      );
};

describe('the forms', () => {
  it('has the five forms, each question id unique within its form, each service named once', () => {
    expect(FORMS.map((f) => f.id)).toEqual(['two-subsidies', 'child-rehabilitation', 'student-aid', 'home-accessibility', 'autism-care-subsidy']);
    for (const form of FORMS) {
      const ids = questionsOf(form).map((q) => q.id);
      expect(new Set(ids).size).toBe(ids.length);
      // A form's answer never shares a posted field with the person's details.
      const details = personQuestions({
        requiresCertificate: true,
        forSomeoneElse: true,
      }).map((q) => q.id);
      expect(ids.filter((id) => details.includes(id))).toEqual([]);
      // Every question posts one field named as its id.
      for (const q of questionsOf(form)) expect(q.answer.fields).toEqual([q.id]);
    }
    expect(formForService('living-subsidy')).toBe(twoSubsidies);
    expect(formForService('nursing-subsidy')).toBe(twoSubsidies);
    expect(formForService('free-bus-travel')).toBeUndefined();
  });

  it('asks the household only for the living subsidy, care needs only for the nursing subsidy', () => {
    const ids = (answers: Record<string, unknown>) => pagesFor(twoSubsidies, answers).map((p) => p.id);
    expect(ids({})).toEqual(['subsidies']);
    expect(ids({ subsidies: ['living-subsidy'] })).toEqual(['subsidies', 'household']);
    expect(ids({ subsidies: ['nursing-subsidy'] })).toEqual(['subsidies', 'care']);
    expect(ids({ subsidies: ['living-subsidy', 'nursing-subsidy'] })).toEqual(['subsidies', 'household', 'care']);
  });

  it('drops an answer whose question no longer applies', () => {
    expect(
      pruneAnswers(twoSubsidies, {
        subsidies: ['nursing-subsidy'],
        household: 'dibao',
        needsLongTermCare: true,
      }),
    ).toEqual({ subsidies: ['nursing-subsidy'], needsLongTermCare: true });
  });

  it('lists the materials for the answers and for who is applying', () => {
    const ids = (answers: Record<string, unknown>, role: Parameters<typeof materialsFor>[2]) => materialsFor(twoSubsidies, answers, role).map((m) => m.id);
    expect(ids({ subsidies: ['living-subsidy'] }, 'self')).toEqual(['certificate', 'idCard', 'householdRegister', 'approvalForm']);
    expect(ids({ subsidies: ['nursing-subsidy'] }, 'authorised')).toEqual(['certificate', 'idCard', 'householdRegister', 'approvalForm', 'photos', 'letterOfAuthorisation']);
    for (const m of twoSubsidies.materials) expect(m.source).toMatch(/^[a-z0-9-]+#[a-z0-9-]+$/);
  });

  it('reads a page of posted fields, listing every error in page order', () => {
    const page = formById('student-aid')!.pages.find((p) => p.id === 'school')!;
    expect(
      readPage(
        formById('student-aid')!,
        page,
        { basis: 'disabledStudent' },
        fields({
          schoolStage: 'senior-secondary',
          schoolName: '  吉林市第一中学 ',
        }),
        context,
      ),
    ).toEqual({
      ok: true,
      answers: {
        basis: 'disabledStudent',
        schoolStage: 'senior-secondary',
        schoolName: '吉林市第一中学',
      },
    });
    // The school's name is asked only once a stage other than "none" is given, on the same page.
    expect(readPage(formById('student-aid')!, page, {}, fields({ schoolStage: 'none' }), context)).toEqual({ ok: true, answers: { schoolStage: 'none' } });
    expect(readPage(formById('student-aid')!, page, {}, fields({ schoolStage: 'higher' }), context)).toEqual({
      ok: false,
      errors: [{ code: 'textRequired', field: 'schoolName' }],
    });
    expect(readPage(formById('student-aid')!, page, {}, fields({}), context)).toEqual({
      ok: false,
      errors: [{ code: 'required', field: 'schoolStage' }],
    });
  });

  it('refuses "none of these" when asked which subsidies', () => {
    expect(readPage(twoSubsidies, twoSubsidies.pages[0]!, {}, fields({ subsidies: 'none' }), context)).toEqual({
      ok: false,
      errors: [{ code: 'required', field: 'subsidies' }],
    });
    expect(readPage(twoSubsidies, twoSubsidies.pages[0]!, {}, fields({ subsidies: ['nursing-subsidy', 'living-subsidy'] }), context)).toEqual({
      ok: true,
      answers: { subsidies: ['living-subsidy', 'nursing-subsidy'] },
    });
  });

  it('keeps "I don\'t know" where it is offered', () => {
    const form = formById('child-rehabilitation')!;
    expect(readPage(form, form.pages[0]!, {}, fields({ isAutistic: 'dontKnow', category: 'hearing' }), context)).toEqual({
      ok: true,
      answers: { isAutistic: 'dontKnow', category: 'hearing' },
    });
    expect(
      answersSchema(form, context).safeParse({
        isAutistic: 'dontKnow',
        category: 'dontKnow',
      }).success,
    ).toBe(true);
  });

  it('words every question and option in both languages', () => {
    for (const form of FORMS)
      for (const q of questionsOf(form)) {
        expect(q.label.zh && q.label.en).toBeTruthy();
        for (const o of q.options ?? []) expect(o.label.zh && o.label.en).toBeTruthy();
      }
  });

  it('asks each page only what applies, on the answers as they stand', () => {
    const school = formById('student-aid')!.pages.find((p) => p.id === 'school')!;
    expect(askedOn(school, {}).map((q) => q.id)).toEqual(['schoolStage']);
    expect(askedOn(school, { schoolStage: 'compulsory' }).map((q) => q.id)).toEqual(['schoolStage', 'schoolName']);
  });
});

describe('an application as JSON', () => {
  it("takes the issue's example and tidies each detail as the pages do", () => {
    const r = parse(body());
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.person).toEqual({
      name: '王 建国',
      idNumber: adult,
      certificateNumber: `${adult}42`,
      address: '吉林市船营区某街1号',
    });
    expect(r.data.submitter).toMatchObject({
      phone: '13800001234',
      relationship: 'supportDuty',
    });
    expect(r.data.role).toBe('supportDuty');
    expect(r.data.personAge).toBe(70);
    expect(r.data.consent).toEqual({
      sensitiveData: true,
      otherServices: false,
    });
  });

  it("lists every problem at its path, with the answer types' codes", () => {
    expect(
      codes(
        body({
          applicant: {
            name: '',
            idNumber: adult.slice(0, 17) + (adult[17] === '1' ? '2' : '1'),
            certificateNumber: '123',
            phone: '12',
            address: 'x',
          },
          answers: { subsidies: [], household: 'rich' },
          consent: { sensitiveData: false, declaration: false },
        }),
      ),
    ).toEqual(
      expect.arrayContaining([
        'applicant.name:textRequired',
        'applicant.idNumber:idNumber.checkCharacter',
        'applicant.certificateNumber:certificate.length',
        'applicant.phone:phoneInvalid',
        'answers.subsidies:required',
        'answers.household:invalid_value',
        'consent.sensitiveData:consentRequired',
        'consent.declaration:declarationRequired',
      ]),
    );
  });

  it('requires what applies and refuses what is not asked', () => {
    expect(
      codes(
        body({
          answers: { subsidies: ['living-subsidy'], needsLongTermCare: true },
        }),
      ),
    ).toEqual(['answers.household:custom', 'answers.needsLongTermCare:custom']);
  });

  it('takes the ID number from the certificate number when it is left out, and needs one of the two', () => {
    const { idNumber, ...withoutId } = body().applicant;
    const r = parse(body({ applicant: withoutId }));
    expect(r.success && r.data.person.idNumber).toBe(idNumber);
    expect(r.success && r.data.birthDate).toBe('1956-03-07');
    const child = idFor('20200601');
    const rehab = { form: 'child-rehabilitation', answers: { isAutistic: false, category: 'dontKnow' } };
    expect(codes(body({ ...rehab, applicant: { name: '小明', address: '某街1号' } }))).toEqual(['applicant.idNumber:required']);
    expect(codes(body({ ...rehab, applicant: { name: '小明', idNumber: child, address: '某街1号' } }))).toEqual([]);
  });

  it("refuses a certificate that is not the person's, unknown keys, a form not offered in the region", () => {
    expect(
      codes(
        body({
          applicant: {
            ...body().applicant,
            certificateNumber: `${idFor('19600101')}42`,
          },
        }),
      ),
    ).toEqual(['applicant.certificateNumber:certificateMismatch']);
    expect(codes(body({ extra: 1 }))).toEqual([':unrecognized_keys']);
    expect(
      codes(
        body({
          form: 'student-aid',
          region: 'changsha-yuhua',
          answers: { basis: 'disabledStudent', schoolStage: 'none' },
        }),
      ),
    ).toEqual(['region:notOfferedInRegion']);
  });

  it("asks for the person's phone when they apply themself, not when someone applies for them", () => {
    expect(codes(body({ submitter: null }))).toEqual(['applicant.phone:invalid_type']);
    expect(
      codes(
        body({
          submitter: null,
          applicant: { ...body().applicant, phone: '0432-12345678' },
        }),
      ),
    ).toEqual([]);
  });

  it('never lets a child under 14 apply alone', () => {
    const child = idFor('20200601');
    const b = {
      form: 'child-rehabilitation',
      applicant: {
        name: '小明',
        idNumber: child,
        phone: '13800001234',
        address: '长沙市雨花区某路2号',
      },
      answers: { isAutistic: true, category: 'dontKnow' },
    };
    expect(codes(body({ ...b, submitter: null }))).toEqual(['submitter:childNeedsGuardian']);
    expect(
      codes(
        body({
          ...b,
          submitter: {
            name: '李华',
            relationship: 'guardian',
            phone: '13800001234',
            idNumber: adult,
          },
        }),
      ),
    ).toEqual([]);
  });

  it('counts age in whole years', () => {
    expect(ageOn('2012-12-02', '2026-12-02')).toBe(14);
    expect(ageOn('2012-12-03', '2026-12-02')).toBe(13);
  });
});
