/**
 * The application forms (issue 11 point 2), as data on `form.ts`. A form asks only what the
 * office needs beyond the person's details (applicant.ts): where the self-check has the same
 * question, the form's is `sameAs` it, worded as there, and its answer is offered to confirm.
 *
 * What each form asks rests on its service's eligibility text (content/services); its
 * materials on the sources that list them. Where no source lists a service's materials, the form
 * says so and asks only for what the person wants to add (see `MATERIALS_UNKNOWN`).
 */
import { freeText, manyOf, oneOf, text, yesNo, type AnswerType, type Fields, type ReadContext } from '../answers';
// The questions and their values only (not the rules): the island bundles this file.
import { HOUSEHOLDS, SCHOOL_STAGES, type QuestionId } from '../eligibility/criteria';
import { question } from '../eligibility/questions';
import { DISABILITY_CATEGORIES } from '../identity';
import type { ApplicationForm, FormAnswers, FormQuestion, Material, Option } from './form';
import { needsLetterOfAuthorisation, SUBMITTER_SOURCE } from './submitter';

/** The self-check question `id`'s words and options, for a form question that is the same. */
function sameAs(id: QuestionId, answer: AnswerType<unknown>, extra: Partial<FormQuestion> = {}): FormQuestion {
  const q = question(id)!;
  return {
    id,
    answer,
    label: q.label,
    ...(q.hint && { hint: q.hint }),
    ...(q.options && { options: q.options }),
    sameAs: id,
    ...extra,
  };
}


/** At least one box ticked: "none of these" is not an answer to "which do you apply for". */
function atLeastOne<V extends string>(type: AnswerType<V[]>): AnswerType<V[]> {
  return {
    ...type,
    read(fields: Fields, context: ReadContext) {
      const read = type.read(fields, context);
      return read.kind === 'value' && read.value.length === 0 ? { kind: 'error', error: { code: 'required', field: type.fields[0]! } } : read;
    },
  };
}

const includes = (answers: FormAnswers, id: string, value: string) => Array.isArray(answers[id]) && (answers[id] as unknown[]).includes(value);

// ── 两项补贴 The two subsidies, one joint application ─────────────────────────────────────────

export const SUBSIDIES = ['living-subsidy', 'nursing-subsidy'] as const;
const SUBSIDY_OPTIONS: Option[] = [
  {
    value: 'living-subsidy',
    label: {
      zh: '困难残疾人生活补贴',
      en: 'Living subsidy for disabled people in hardship',
    },
    hint: {
      zh: '给家庭享受低保等的困难残疾人',
      en: 'For disabled people in hardship, such as a family on dibao',
    },
  },
  {
    value: 'nursing-subsidy',
    label: {
      zh: '重度残疾人护理补贴',
      en: 'Nursing subsidy for severely disabled people',
    },
    hint: {
      zh: '给残疾等级一级或二级、需要长期照护的人',
      en: 'For people with a level 1 or 2 disability who need long-term care',
    },
  },
];

const NANAN = 'nanan-two-subsidies-guide';
const XINING = 'xining-two-subsidies-materials';

const TWO_SUBSIDIES_MATERIALS: Material[] = [
  {
    id: 'certificate',
    label: {
      zh: '第二代残疾人证',
      en: 'Second-generation disability certificate',
    },
    source: `${NANAN}#valid-certificate`,
  },
  {
    id: 'idCard',
    label: { zh: '身份证', en: 'Resident ID card' },
    source: `${XINING}#living-subsidy-materials`,
  },
  {
    id: 'householdRegister',
    label: { zh: '户口簿', en: 'Household register (hukou booklet)' },
    source: `${XINING}#living-subsidy-materials`,
  },
  {
    id: 'approvalForm',
    label: { zh: '申请审批表', en: 'Application and approval form' },
    hint: {
      zh: '受理窗口的表格，可以到窗口填写',
      en: 'The office’s own form; you can fill it in at the office',
    },
    source: `${XINING}#living-subsidy-materials`,
  },
  {
    id: 'photos',
    label: {
      zh: '近期小二寸彩色照片',
      en: 'Recent colour photos (small 2-inch)',
    },
    hint: { zh: '申请护理补贴的', en: 'When applying for the nursing subsidy' },
    when: (a) => includes(a, 'subsidies', 'nursing-subsidy'),
    source: `${XINING}#nursing-subsidy-materials`,
  },
  {
    id: 'letterOfAuthorisation',
    label: { zh: '委托书', en: 'Letter of authorisation' },
    hint: {
      zh: '残疾人委托你代为申请的书面材料',
      en: 'The letter in which the disabled person authorises you to apply for them',
    },
    when: (_a, role) => needsLetterOfAuthorisation(role),
    source: SUBMITTER_SOURCE,
  },
];

export const twoSubsidies: ApplicationForm = {
  id: 'two-subsidies',
  title: {
    zh: '申请残疾人两项补贴',
    en: 'Apply for the two subsidies for disabled people',
  },
  services: SUBSIDIES,
  requiresCertificate: true,
  firstOffice: 'township',
  chain: 'statutory',
  routeSource: `${NANAN}#route`,
  pages: [
    {
      id: 'subsidies',
      title: { zh: '申请哪些补贴', en: 'Which subsidies' },
      questions: [
        {
          id: 'subsidies',
          answer: atLeastOne(manyOf(SUBSIDIES, { allowsUnknown: false, field: 'subsidies' })) as AnswerType<unknown>,
          label: {
            zh: '申请哪些补贴？',
            en: 'Which subsidies are you applying for?',
          },
          hint: {
            zh: '可以两项一起申请。',
            en: 'You can apply for both at once.',
          },
          options: SUBSIDY_OPTIONS,
        },
      ],
    },
    {
      id: 'household',
      title: { zh: '家庭情况', en: 'Household' },
      questions: [sameAs('household', oneOf(HOUSEHOLDS, { allowsUnknown: false, field: 'household' }), { when: (a) => includes(a, 'subsidies', 'living-subsidy') })],
    },
    {
      id: 'care',
      title: { zh: '照护需要', en: 'Care needs' },
      questions: [sameAs('needsLongTermCare', yesNo({ allowsUnknown: false, field: 'needsLongTermCare' }), { when: (a) => includes(a, 'subsidies', 'nursing-subsidy') })],
    },
  ],
  materials: TWO_SUBSIDIES_MATERIALS,
};

// ── 残疾儿童康复救助 Children's rehabilitation ────────────────────────────────────────────────

const CHILD_CATEGORIES = DISABILITY_CATEGORIES;

export const childRehabilitation: ApplicationForm = {
  id: 'child-rehabilitation',
  title: {
    zh: '申请残疾儿童康复救助',
    en: 'Apply for children’s rehabilitation assistance',
  },
  services: ['child-rehabilitation'],
  requiresCertificate: false,
  firstOffice: 'countyDpf',
  chain: 'short',
  pages: [
    {
      id: 'disability',
      title: { zh: '孩子的残疾情况', en: 'The child’s disability' },
      questions: [
        sameAs('isAutistic', yesNo({ allowsUnknown: true, field: 'isAutistic' })),
        sameAs('category', oneOf(CHILD_CATEGORIES, { allowsUnknown: true, field: 'category' }), {
          hint: {
            zh: '如果还没有评定，选“不知道”。',
            en: 'If it has not been assessed yet, choose “I don’t know”.',
          },
        }),
      ],
    },
    {
      id: 'rehabilitation',
      title: { zh: '现在的康复训练', en: 'Rehabilitation now' },
      questions: [
        {
          id: 'currentProvider',
          answer: text('text', {
            field: 'currentProvider',
            maxLength: 200,
            optional: true,
          }) as AnswerType<unknown>,
          label: {
            zh: '孩子现在在哪里做康复训练？（选填）',
            en: 'Where does the child have rehabilitation now? (optional)',
          },
          hint: {
            zh: '写机构的名称。还没有的，可以不填。',
            en: 'The name of the centre. Leave it empty if there is none yet.',
          },
          optional: true,
        },
      ],
    },
  ],
  materials: [],
};

// ── 扶残助学金 Student aid (吉林市) ──────────────────────────────────────────────────────────

export const STUDENT_BASES = ['disabledStudent', 'childOfDisabledParents'] as const;

export const studentAid: ApplicationForm = {
  id: 'student-aid',
  title: { zh: '申请扶残助学金', en: 'Apply for student aid' },
  services: ['student-aid'],
  requiresCertificate: false,
  firstOffice: 'countyDpf',
  chain: 'short',
  pages: [
    {
      id: 'basis',
      title: { zh: '申请的理由', en: 'Why you are applying' },
      questions: [
        {
          id: 'basis',
          answer: oneOf(STUDENT_BASES, {
            allowsUnknown: false,
            field: 'basis',
          }) as AnswerType<unknown>,
          label: {
            zh: '下面哪一种说的是这个学生？',
            en: 'Which of these describes the student?',
          },
          options: [
            {
              value: 'disabledStudent',
              label: { zh: '学生本人是残疾人', en: 'The student is disabled' },
            },
            {
              value: 'childOfDisabledParents',
              label: {
                zh: '学生的父母有残疾，家庭经济困难',
                en: 'The student’s parent is disabled and the family is in financial hardship',
              },
            },
          ],
        },
      ],
    },
    {
      id: 'school',
      title: { zh: '上学情况', en: 'School' },
      questions: [
        sameAs('schoolStage', oneOf(SCHOOL_STAGES, { allowsUnknown: false, field: 'schoolStage' })),
        {
          id: 'schoolName',
          answer: text('text', {
            field: 'schoolName',
            maxLength: 100,
          }) as AnswerType<unknown>,
          label: { zh: '学校名称', en: 'Name of the school' },
          when: (a) => a.schoolStage !== undefined && a.schoolStage !== 'none',
        },
      ],
    },
    {
      id: 'household',
      title: { zh: '家庭情况', en: 'Household' },
      questions: [sameAs('household', oneOf(HOUSEHOLDS, { allowsUnknown: false, field: 'household' }), { when: (a) => a.basis === 'childOfDisabledParents' })],
    },
  ],
  materials: [],
};

// ── 残疾人家庭无障碍改造 Barrier-free home modification ────────────────────────────────────────

export const homeAccessibility: ApplicationForm = {
  id: 'home-accessibility',
  title: {
    zh: '申请家庭无障碍改造',
    en: 'Apply for barrier-free home modification',
  },
  services: ['home-accessibility'],
  requiresCertificate: false,
  firstOffice: 'countyDpf',
  chain: 'short',
  pages: [
    {
      id: 'household',
      title: { zh: '家庭情况', en: 'Household' },
      questions: [sameAs('household', oneOf(HOUSEHOLDS, { allowsUnknown: false, field: 'household' }))],
    },
    {
      id: 'home',
      title: { zh: '家里哪里不方便', en: 'What is hard at home' },
      questions: [
        {
          id: 'homeNeeds',
          answer: freeText('homeNeeds', 2000, false) as AnswerType<unknown>,
          label: {
            zh: '家里哪些地方用起来困难？',
            en: 'What at home is hard to use?',
          },
          hint: {
            zh: '例如门口有台阶、卫生间没有扶手、听不到门铃。写清楚，工作人员上门时会看。',
            en: 'For example a step at the door, no grab rails in the bathroom, a doorbell you cannot hear. Staff will look when they visit.',
          },
        },
      ],
    },
  ],
  materials: [],
};

// ── 大龄自闭症、智力障碍残疾人康复教育照料补贴 Care subsidy (吉林市) ──────────────────────────────

export const CARE_CONDITIONS = ['autism', 'intellectual'] as const;

export const autismCareSubsidy: ApplicationForm = {
  id: 'autism-care-subsidy',
  title: {
    zh: '申请大龄自闭症、智力障碍残疾人康复教育照料补贴',
    en: 'Apply for the care subsidy for older autistic or intellectually disabled people',
  },
  services: ['autism-care-subsidy'],
  requiresCertificate: false,
  firstOffice: 'countyDpf',
  chain: 'short',
  pages: [
    {
      id: 'condition',
      title: { zh: '残疾情况', en: 'Disability' },
      questions: [
        {
          id: 'condition',
          answer: oneOf(CARE_CONDITIONS, {
            allowsUnknown: false,
            field: 'condition',
          }) as AnswerType<unknown>,
          label: {
            zh: '下面哪一种说的是这个人？',
            en: 'Which of these describes the person?',
          },
          hint: { zh: '两种都有的，选孤独症。', en: 'If both, choose autism.' },
          options: [
            {
              value: 'autism',
              label: { zh: '孤独症（自闭症）', en: 'Autism' },
            },
            {
              value: 'intellectual',
              label: {
                zh: '智力障碍（智力残疾）',
                en: 'Intellectual disability',
              },
            },
          ],
        },
      ],
    },
    {
      id: 'care',
      title: { zh: '康复教育照料机构', en: 'Care centre' },
      questions: [
        {
          id: 'careCentre',
          answer: text('text', {
            field: 'careCentre',
            maxLength: 200,
          }) as AnswerType<unknown>,
          label: {
            zh: '在哪个机构接受康复教育照料？',
            en: 'Which centre gives the person rehabilitation, education and care?',
          },
          hint: { zh: '写机构的名称。', en: 'The name of the centre.' },
        },
      ],
    },
  ],
  materials: [],
};

/** Every form, by id. */
export const FORMS: readonly ApplicationForm[] = [twoSubsidies, childRehabilitation, studentAid, homeAccessibility, autismCareSubsidy];
export const FORM_IDS = FORMS.map((f) => f.id) as [string, ...string[]];

export const formById = (id: string): ApplicationForm | undefined => FORMS.find((f) => f.id === id);

/** The form that applies for `service`, if any. */
export const formForService = (service: string): ApplicationForm | undefined => FORMS.find((f) => f.services.includes(service));

/** Every form lists "anything else" last: a document the person wants the office to see. */
export const OTHER_DOCUMENTS: Material = {
  id: 'other',
  label: { zh: '其他材料（选填）', en: 'Anything else (optional)' },
  hint: {
    zh: '你想让工作人员看到的其他证明。',
    en: 'Any other document you want the office to see.',
  },
};

/** Whether no source lists the form's materials: the page says so and points to 12385 or the local DPF. */
export const MATERIALS_UNKNOWN = (form: ApplicationForm) => form.materials.length === 0;
