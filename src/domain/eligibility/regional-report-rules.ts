/**
 * Criteria and rules for the catalogue services whose conditions only the regional reports
 * describe, and then only in part. A criterion says only what its source says: a condition the
 * answers decide is evaluated; a term the sources leave undefined ("大龄", "重度", "城镇", "危房",
 * "有需求", "贫困", "困难") is an askOffice() criterion that says what is not known. Every rule
 * ends with such a criterion, so none comes out `eligible` on guesswork: a result is `unknown`
 * (ask 12385 or the local DPF), or `ineligible` when a stated condition is clearly not met.
 * A text says what is not known; where to ask is said once by the page that shows it.
 * A rule is the same in every region: where the regions' conditions differ, only what is true in
 * both is a criterion, and the rest is said in the last criterion's text.
 * None of these services is stated to need a disability certificate, so none requires one.
 * Sources: jilin-city-report, changsha-yuhua-2018-report and the policies they name
 * (content/sources, content/policies/zh).
 */
import { askOffice, criterion, met, notKnown, notMet, rule, type Criterion, type Rule, type Text } from './criteria';

const JILIN = 'jilin-city-report';
const YUHUA = 'changsha-yuhua-2018-report';

/** A condition only 12385 or the local DPF can decide: the text says what is not known. */
const askingOffice = (id: string, text: Text, source: string): Criterion => criterion(id, text, source, () => askOffice());

/** The last criterion of a rule: what our sources do not state. */
const unstated = (text: Text, source: string): Criterion => askingOffice('otherConditions', text, source);

const OTHER_CONDITIONS: Text = {
  zh: '其他条件：我们的资料没有说明',
  en: 'Other conditions: our sources do not say',
};

/** 其他条件：吉林市的报告没有说明 Other conditions the Jilin City report does not state. Ref: jilin-city-report */
export const otherConditionsJilin = unstated(OTHER_CONDITIONS, JILIN);
/** 其他条件：雨花区的报告没有说明 Other conditions the Yuhua District report does not state. Ref: changsha-yuhua-2018-report */
export const otherConditionsYuhua = unstated(OTHER_CONDITIONS, YUHUA);

/** 条件各地不同：雨花区是困难残疾人 Yuhua speaks of disabled people in hardship, Jilin of disabled people. Ref: changsha-yuhua-2018-report */
export const hardshipInYuhua = unstated(
  {
    zh: '条件各地不同：在雨花区，是给困难残疾人的。怎样算困难、还有什么条件，我们的资料没有说明',
    en: 'The conditions differ by region: in Yuhua District it is for disabled people in hardship. Our sources do not say who counts as being in hardship or what else is needed',
  },
  YUHUA,
);

/** 条件各地不同：雨花区是贫困残疾人 Yuhua speaks of disabled people in poverty, Jilin of disabled people. Ref: changsha-yuhua-2018-report */
export const povertyInYuhua = unstated(
  {
    zh: '条件各地不同：在雨花区，是给贫困残疾人的。怎样算贫困、还有什么条件，我们的资料没有说明',
    en: 'The conditions differ by region: in Yuhua District it is for disabled people in poverty. Our sources do not say who counts as poor or what else is needed',
  },
  YUHUA,
);

/** 肢体残疾人 A person with a physical disability. Ref: jilin-city-report */
export const physicalDisability = criterion(
  'physicalDisability',
  { zh: '肢体残疾人', en: 'You are a person with a physical disability' },
  JILIN,
  (a) => {
    if (a.category === undefined) return notKnown('category');
    if (a.category === 'physical') return met();
    // Multiple disabilities may include a physical one: only the office can tell.
    return a.category === 'multiple' ? askOffice() : notMet();
  },
);

/** 自闭症（孤独症）或智力残疾 Autistic, or an intellectual disability. Ref: jilin-autism-care-subsidy */
export const autisticOrIntellectual = criterion(
  'autisticOrIntellectual',
  { zh: '自闭症（孤独症）或智力残疾', en: 'You are autistic or have an intellectual disability' },
  'jilin-autism-care-subsidy',
  (a) => {
    if (a.isAutistic === true || a.category === 'intellectual') return met();
    // Multiple disabilities may include an intellectual one: no answer can rule it out.
    if (a.category === 'multiple') return askOffice();
    if (a.isAutistic === undefined) return a.category === undefined ? notKnown('category', 'isAutistic') : notKnown('isAutistic');
    return a.category === undefined ? notKnown('category') : notMet();
  },
);

/** 大龄（多大年龄没有说明） "Older", an age the sources do not give. Ref: jilin-autism-care-subsidy */
export const olderAge = askingOffice(
  'olderAge',
  { zh: '“大龄”，也就是年龄比较大。多大年龄算大龄，我们的资料没有说明', en: 'You are "older". Our sources do not say from what age' },
  'jilin-autism-care-subsidy',
);

/** 在机构接受康复教育照料 Rehabilitation, education and care in an institution. Ref: jilin-autism-care-subsidy */
export const careInInstitution = askingOffice(
  'careInInstitution',
  {
    zh: '在机构里接受康复、教育和照料。是哪些机构，我们的资料没有说明',
    en: 'You get rehabilitation, education and care in an institution. Our sources do not say which institutions',
  },
  'jilin-autism-care-subsidy',
);

/** 就业年龄段（年龄范围没有说明） Working age, an age range the sources do not give. Ref: jilin-city-report */
export const workingAge = askingOffice(
  'workingAge',
  { zh: '到了就业年龄段，也就是可以工作的年龄。是多大年龄，我们的资料没有说明', en: 'You are of working age. Our sources do not say which ages' },
  JILIN,
);

/** 城镇重度残疾人（“城镇”“重度”没有说明） Severely disabled, living in a town. Ref: jilin-city-report */
export const severeUrban = askingOffice(
  'severeUrban',
  {
    zh: '住在城镇的重度残疾人。怎样算“城镇”和“重度”，我们的资料没有说明',
    en: 'You are severely disabled and live in a town or city. Our sources do not say how "town" or "severe" is decided',
  },
  JILIN,
);

/** 贫困精神病患者（“贫困”没有说明） A person with a mental illness living in poverty. Ref: jilin-city-report */
export const poorWithMentalIllness = askingOffice(
  'poorWithMentalIllness',
  { zh: '生活贫困的精神病患者。怎样算贫困，我们的资料没有说明', en: 'You have a mental illness and live in poverty. Our sources do not say who counts as poor' },
  JILIN,
);

/** 高中阶段残疾学生，或家庭经济困难的残疾人子女 The two groups the study grant is for. Ref: jilin-student-aid */
export const studentOrChild = askingOffice(
  'studentOrChild',
  {
    zh: '在读高中阶段的残疾学生，或者家庭经济困难的残疾人子女。怎样算经济困难，我们的资料没有说明',
    en: 'You are a disabled student in senior secondary school, or a child of a disabled parent whose family is short of money. Our sources do not say who counts as short of money',
  },
  'jilin-student-aid',
);

/** 贫困或困难的残疾人家庭（没有说明怎样认定） A household in poverty or hardship. Ref: jilin-city-report */
export const poorHousehold = askingOffice(
  'poorHousehold',
  {
    zh: '贫困或困难的残疾人家庭。怎样算贫困或困难，我们的资料没有说明',
    en: 'Your household is in poverty or hardship. Our sources do not say who counts',
  },
  JILIN,
);

/** 家里住的是危房（没有说明怎样认定） The home is unsafe to live in. Ref: jilin-city-report */
export const unsafeHome = askingOffice(
  'unsafeHome',
  { zh: '家里住的是危房。怎样认定危房，我们的资料没有说明', en: 'Your home is unsafe to live in. Our sources do not say how this is decided' },
  JILIN,
);

/** 建档立卡贫困户，不符合低保条件 A registered poor household that does not qualify for dibao. Ref: changsha-yuhua-2018-report */
export const registeredPoorNotDibao = criterion(
  'registeredPoorNotDibao',
  {
    zh: '家里是建档立卡贫困户，而且不符合低保条件',
    en: 'Your household is a registered poor household and does not qualify for the minimum living allowance (dibao)',
  },
  YUHUA,
  (a) => {
    if (a.household === undefined) return notKnown('household');
    if (a.household === 'registered-poor') return met();
    // People pick the first status that applies: a low-income or tekun household may also be
    // registered poor, and whether it meets the dibao conditions is not ours to say.
    if (a.household === 'low-income' || a.household === 'tekun') return askOffice();
    return notMet();
  },
);

/** 谁可以申请：没有说明 Who can apply, which the sources do not say. Ref: guofa-2015-52 */
export const whoCanApply = unstated(
  { zh: '谁可以申请：我们的资料没有说明', en: 'Who can apply: our sources do not say' },
  'guofa-2015-52',
);

/** 条件各地不同：雨花区还要贫困、愿意改造 Yuhua also asks for poverty and wanting the work. Ref: changsha-yuhua-2018-report */
export const unsafeHomeInYuhua = unstated(
  {
    zh: '条件各地不同：在雨花区，还要是贫困残疾人，而且愿意改造。还有什么条件，我们的资料没有说明',
    en: 'The conditions differ by region: in Yuhua District you must also be a disabled person in poverty and want the work done. Our sources do not say what else is needed',
  },
  YUHUA,
);

/** 条件各地不同：雨花区是有需求的儿童和持证残疾人 Yuhua's plan counts children and certificate holders in need. Ref: yuhua-rehabilitation-plan */
export const rehabilitationInYuhua = unstated(
  {
    zh: '条件各地不同：雨花区的方案是给有需求的残疾儿童和持有残疾人证的残疾人的。成年人是不是一定要有残疾人证、怎样算有需求，我们的资料没有说明',
    en: 'The conditions differ by region: Yuhua District’s plan is for disabled children and certificate holders who need it. Our sources do not say whether an adult must hold a certificate or what counts as need',
  },
  'yuhua-rehabilitation-plan',
);

/** 就业年龄段残疾人意外伤害保险 Accident insurance for working-age disabled people. Ref: jilin-city-report */
export const accidentInsurance = rule('accident-insurance', [workingAge, otherConditionsJilin]);
/** 残疾人辅助器具 Assistive devices. Ref: jilin-city-report, changsha-yuhua-2018-report */
export const assistiveDevices = rule('assistive-devices', [povertyInYuhua]);
/** 大龄自闭症、智力障碍残疾人康复教育照料补贴 Care subsidy for older autistic people and people with intellectual disability. Ref: jilin-autism-care-subsidy */
export const autismCareSubsidy = rule('autism-care-subsidy', [autisticOrIntellectual, olderAge, careInInstitution, otherConditionsJilin]);
/** 残疾人托养服务 Residential and day care. Ref: jilin-city-report, changsha-yuhua-2018-report */
export const careServices = rule('care-services', [povertyInYuhua]);
/** 残疾人证（第二代） Disability certificate. Ref: guofa-2015-52 */
export const disabilityCertificate = rule('disability-certificate', [whoCanApply]);
/** 残疾人就业服务 Employment services. Ref: jilin-city-report, changsha-yuhua-2018-report */
export const employmentServices = rule('employment-services', [hardshipInYuhua]);
/** 残疾人创业扶持 Support for starting a business. Ref: changsha-yuhua-2018-report */
export const entrepreneurshipSupport = rule('entrepreneurship-support', [hardshipInYuhua]);
/** 残疾人免费乘坐市内公交车 Free city bus travel. Ref: jilin-free-bus */
export const freeBusTravel = rule('free-bus-travel', [otherConditionsJilin]);
/** 残疾人家庭无障碍改造 Home accessibility changes. Ref: jilin-city-report, yuhua-assistance-measures */
export const homeAccessibility = rule('home-accessibility', [poorHousehold, otherConditionsYuhua]);
/** 残疾人危房改造 Renovation of unsafe homes. Ref: jilin-city-report, changsha-yuhua-2018-report */
export const housingRenovation = rule('housing-renovation', [unsafeHome, unsafeHomeInYuhua]);
/** 法律援助和权益维护 Legal aid and protection of rights. Ref: jilin-city-report */
export const legalAid = rule('legal-aid', [otherConditionsJilin]);
/** 城镇重度残疾人基本医疗保险代缴 Medical insurance contributions for severely disabled urban residents. Ref: jilin-city-report */
export const medicalInsuranceAid = rule('medical-insurance-aid', [severeUrban, otherConditionsJilin]);
/** 肢体残疾人代步车燃油补贴 Fuel subsidy for mobility vehicles. Ref: jilin-city-report */
export const mobilityFuelSubsidy = rule('mobility-fuel-subsidy', [physicalDisability, otherConditionsJilin]);
/** 残疾人基本养老保险缴费资助 Pension contribution aid. Ref: jilin-city-report */
export const pensionContributionAid = rule('pension-contribution-aid', [otherConditionsJilin]);
/** 贫困精神病患者免费服药和免费住院 Free medication and hospital stays for people with psychiatric illness in poverty. Ref: jilin-city-report */
export const psychiatricMedicationAid = rule('psychiatric-medication-aid', [poorWithMentalIllness, otherConditionsJilin]);
/** 残疾人精准康复服务 Targeted rehabilitation services. Ref: yuhua-rehabilitation-plan */
export const rehabilitationServices = rule('rehabilitation-services', [rehabilitationInYuhua]);
/** 扶残助学金（高中阶段） Study grant for disabled students and children of disabled people. Ref: jilin-student-aid */
export const studentAid = rule('student-aid', [studentOrChild, otherConditionsJilin]);
/** 残疾人家庭临时救助 Temporary assistance for disabled people's households. Ref: changsha-yuhua-2018-report */
export const temporaryAssistance = rule('temporary-assistance', [registeredPoorNotDibao, otherConditionsYuhua]);
/** 残疾人职业培训 Vocational training. Ref: jilin-city-report, changsha-yuhua-2018-report */
export const vocationalTraining = rule('vocational-training', [hardshipInYuhua]);

/** The rules above, in catalogue slug order. */
export const SERVICE_RULES: Rule[] = [
  accidentInsurance,
  assistiveDevices,
  autismCareSubsidy,
  careServices,
  disabilityCertificate,
  employmentServices,
  entrepreneurshipSupport,
  freeBusTravel,
  homeAccessibility,
  housingRenovation,
  legalAid,
  medicalInsuranceAid,
  mobilityFuelSubsidy,
  pensionContributionAid,
  psychiatricMedicationAid,
  rehabilitationServices,
  studentAid,
  temporaryAssistance,
  vocationalTraining,
];
