/**
 * The self-check's questions as data (smart-answers style): id, answer type, wording in both
 * languages, options, when to ask. The same data renders the no-JS pages, the island and
 * `GET /api/questions`. Order is the order asked when several would help. Wording follows
 * shared/domain/GLOSSARY.md and is written for plain reading (short sentences, no jargon).
 */
import { certificateNumber, date, manyOf, oneOf, yesNo, type AnswerType } from '../answers';
import { DISABILITY_CATEGORIES } from '../identity';
import { HOUSEHOLDS, RECEIVABLES, SCHOOL_STAGES, type Answers, type QuestionId, type Receivable, type Text } from './criteria';

/** The earliest birth date asked for: the first year a resident ID number can hold. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

export interface Option {
  value: string;
  label: Text;
  hint?: Text;
}

export interface Question {
  id: QuestionId;
  /**
   * How the answer is read and checked (src/domain/answers): the pages, the island and the API
   * all read it through this, and it says whether "I don't know" is an honest answer (it
   * leaves the answer not known, and the services it would decide stay "need more information").
   */
  answer: AnswerType<unknown>;
  /** The question, shown as the page's `<h1>` / the fieldset's legend. */
  label: Text;
  /** Why we ask, or how to find the answer. */
  hint?: Text;
  /** For a choice: the allowed values with their words, in display order. */
  options?: readonly Option[];
  /** Questions this one answers too (a certificate number gives category, level, birth date). */
  fills?: readonly QuestionId[];
  /** Ask only when this holds (e.g. the level matters only for someone with a certificate). */
  askWhen: (answers: Answers) => boolean;
}

const always = () => true;
/** 残疾等级 The disability levels, 1 (most severe) to 4. */
export const LEVELS = [1, 2, 3, 4] as const;

const CATEGORY_LABELS: Record<(typeof DISABILITY_CATEGORIES)[number], Text> = {
  visual: { zh: '视力残疾', en: 'Visual disability' },
  hearing: { zh: '听力残疾', en: 'Hearing disability' },
  speech: { zh: '言语残疾', en: 'Speech disability' },
  physical: { zh: '肢体残疾', en: 'Physical disability' },
  intellectual: { zh: '智力残疾', en: 'Intellectual disability' },
  psychosocial: { zh: '精神残疾', en: 'Psychosocial disability' },
  multiple: { zh: '多重残疾', en: 'Multiple disabilities' },
};

const HOUSEHOLD_LABELS: Record<(typeof HOUSEHOLDS)[number], { label: Text; hint: Text }> = {
  dibao: {
    label: { zh: '享受最低生活保障（低保）', en: 'Gets the minimum living allowance (dibao)' },
    hint: { zh: '政府每月给收入很低的家庭的钱', en: 'Money from the government each month for families with very low income' },
  },
  'low-income': {
    label: { zh: '低收入家庭', en: 'Low-income family' },
    hint: { zh: '收入低，但比低保标准高一些', en: 'Low income, but above the dibao line' },
  },
  tekun: {
    label: { zh: '特困人员供养', en: 'Support for people in extreme poverty (tekun)' },
    hint: { zh: '不能工作、也没有家人照顾的人，由政府全部供养', en: 'Full support for people who cannot work and have no family to help' },
  },
  'registered-poor': {
    label: { zh: '建档立卡贫困户', en: 'Registered poor household' },
    hint: { zh: '列入官方扶贫名单的家庭', en: 'A family on the official list for poverty help' },
  },
  none: {
    label: { zh: '都不是', en: 'None of these' },
    hint: { zh: '家里没有享受上面任何一种', en: 'Your household has none of the above' },
  },
};

const SCHOOL_STAGE_LABELS: Record<(typeof SCHOOL_STAGES)[number], { label: Text; hint?: Text }> = {
  none: { label: { zh: '不在上学', en: 'Not in school' } },
  compulsory: { label: { zh: '小学或初中', en: 'Primary or junior secondary school' } },
  'senior-secondary': {
    label: { zh: '高中阶段', en: 'Senior secondary school' },
    hint: { zh: '普通高中、中专、职业高中、技工学校', en: 'Upper secondary, secondary vocational or technical school' },
  },
  higher: { label: { zh: '大学或大专', en: 'University or college' } },
};

const RECEIVABLE_LABELS: Record<Receivable, { label: Text; hint?: Text }> = {
  'living-subsidy': { label: { zh: '困难残疾人生活补贴', en: 'Living subsidy for disabled people in hardship' } },
  'nursing-subsidy': { label: { zh: '重度残疾人护理补贴', en: 'Nursing subsidy for severely disabled people' } },
  'work-injury-nursing-allowance': {
    label: { zh: '工伤保险生活护理费', en: 'Work-injury insurance nursing allowance' },
    hint: { zh: '因工作受伤致残，工伤保险每月发的护理费', en: 'Paid monthly by work-injury insurance to someone disabled by an injury at work' },
  },
};

/** 有残疾人证、肢体或多重残疾 The people a motorized wheelchair question can matter to. */
const mayOwnWheelchair = (a: Answers) => a.hasCertificate === true && (a.category === 'physical' || a.category === 'multiple');

export const QUESTIONS: Question[] = [
  {
    id: 'hasCertificate',
    answer: yesNo({ allowsUnknown: true }),
    label: { zh: '你有残疾人证吗？', en: 'Do you have a disability certificate?' },
    hint: {
      zh: '残疾人证是证明你有残疾、写着残疾类别和等级的证件。如果你在帮别人填写，请回答他或她的情况。',
      en: 'The card that shows you have a disability, its kind and its level. If you are filling this in for someone else, answer for them.',
    },
    askWhen: always,
  },
  {
    id: 'certificateNumber',
    answer: certificateNumber(),
    label: { zh: '残疾人证号码是多少？', en: 'What is the disability certificate number?' },
    hint: {
      zh: '在残疾人证上，一般是20位：身份证号码加两位数字。我们会从号码读出出生日期、残疾类别和等级，请你确认。号码不会被保存。也可以不填，直接回答问题。',
      en: 'It is on the certificate, usually 20 characters: the ID number and two more digits. We read the birth date, category and level from it for you to confirm. The number is not kept. You can skip this and answer the questions instead.',
    },
    fills: ['birthDate', 'category', 'level'],
    askWhen: (a) => a.hasCertificate === true,
  },
  {
    id: 'birthDate',
    answer: date({ min: EARLIEST_BIRTH_DATE }),
    label: { zh: '出生日期是哪天？', en: 'What is the date of birth?' },
    hint: { zh: '例如 1980 年 3 月 7 日。有些服务只给某个年龄的人。', en: 'For example, 7 March 1980. Some services are for people of a certain age.' },
    askWhen: always,
  },
  {
    id: 'household',
    answer: oneOf(HOUSEHOLDS, { allowsUnknown: true }),
    label: { zh: '家里享受下面哪一种？', en: 'Which of these does the household get?' },
    hint: { zh: '如果有几种，选最上面的一种。', en: 'If more than one, choose the first one in the list.' },
    options: HOUSEHOLDS.map((value) => ({ value, ...HOUSEHOLD_LABELS[value] })),
    askWhen: always,
  },
  {
    id: 'level',
    answer: oneOf(LEVELS, { allowsUnknown: true }) as AnswerType<unknown>,
    label: { zh: '残疾等级是几级？', en: 'What level is the disability?' },
    hint: { zh: '写在残疾人证上。一级最重，四级最轻。', en: 'It is on the certificate. Level 1 is the most severe, level 4 the least.' },
    options: LEVELS.map((n) => ({
      value: String(n),
      label: { zh: ['一级', '二级', '三级', '四级'][n - 1]!, en: `Level ${n}` },
    })),
    askWhen: (a) => a.hasCertificate === true,
  },
  {
    id: 'category',
    answer: oneOf(DISABILITY_CATEGORIES, { allowsUnknown: true }),
    label: { zh: '是哪一类残疾？', en: 'What kind of disability is it?' },
    hint: { zh: '残疾人证上写着残疾类别。有几类残疾的，选“多重残疾”。', en: 'The certificate shows the category. If there is more than one kind, choose “Multiple disabilities”.' },
    options: DISABILITY_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] })),
    askWhen: always,
  },
  {
    id: 'needsLongTermCare',
    answer: yesNo({ allowsUnknown: true }),
    label: { zh: '需要别人长期照顾吗？', en: 'Is long-term care from others needed?' },
    hint: { zh: '例如吃饭、穿衣、洗澡、上厕所需要别人长期帮助。', en: 'For example, needing help over a long time to eat, dress, wash or use the toilet.' },
    askWhen: always,
  },
  {
    // Asked while one of the two subsidies could still be offered (next-question.ts): one already
    // paid is not offered again.
    id: 'alreadyReceives',
    answer: manyOf(RECEIVABLES, { allowsUnknown: true }) as AnswerType<unknown>,
    label: { zh: '下面这些，你已经在领哪些？', en: 'Which of these are already paid to you?' },
    hint: { zh: '可以选几项。已经在领的，我们就不再建议你申请。', en: 'You can choose more than one. We will not suggest applying for what you already get.' },
    options: RECEIVABLES.map((value) => ({ value, ...RECEIVABLE_LABELS[value] })),
    askWhen: always,
  },
  {
    id: 'schoolStage',
    answer: oneOf(SCHOOL_STAGES, { allowsUnknown: true }),
    label: { zh: '现在在上学吗？在读哪个阶段？', en: 'Is the person in school now? At what stage?' },
    hint: { zh: '有的服务只给在读高中阶段的学生，有的不给在校学生。', en: 'Some services are only for senior secondary students; some are not for students.' },
    options: SCHOOL_STAGES.map((value) => ({ value, ...SCHOOL_STAGE_LABELS[value] })),
    askWhen: always,
  },
  {
    id: 'hasMotorizedWheelchair',
    answer: yesNo({ allowsUnknown: true }),
    label: { zh: '你是残疾人机动轮椅车的车主吗？', en: 'Do you own a motorized wheelchair for disabled people?' },
    hint: {
      zh: '机动轮椅车是给下肢残疾人用的、有发动机的代步车。车主可能可以申请燃油补贴。',
      en: 'A motorized wheelchair is a small powered vehicle for people with a disability of the legs. Owners may be able to get a fuel subsidy.',
    },
    askWhen: mayOwnWheelchair,
  },
  {
    id: 'hasSuddenHardship',
    answer: yesNo({ allowsUnknown: true }),
    label: { zh: '家里最近遇到突然的困难，生活很难过下去吗？', en: 'Has the household had a sudden hardship that makes daily life very hard for now?' },
    hint: {
      zh: '例如火灾、交通事故，家人突然得了重病。享受低保的家庭，必须花的钱突然变多、负担不了，也算。',
      en: 'For example a fire or a road accident, or a family member suddenly seriously ill. For a household on dibao, necessary spending suddenly more than it can bear also counts.',
    },
    askWhen: always,
  },
  {
    id: 'isAutistic',
    answer: yesNo({ allowsUnknown: true }),
    label: { zh: '有没有被诊断为孤独症（自闭症）？', en: 'Has autism been diagnosed?' },
    hint: { zh: '国家政策把孤独症儿童列入残疾儿童康复救助的范围。', en: 'National policy names autistic children among those who can get children’s rehabilitation assistance.' },
    askWhen: always,
  },
];

export const question = (id: QuestionId): Question | undefined => QUESTIONS.find((q) => q.id === id);
