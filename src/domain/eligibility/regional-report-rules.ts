/**
 * Criteria and rules for the catalogue services whose conditions only regional sources describe,
 * and then only in part, with the national clauses that bound them (an age, a school stage, a
 * certificate). A criterion says only what its source says: a condition the answers decide is
 * evaluated; a term the sources leave undefined ("大龄", "重度", "城镇", "危房", "有需求",
 * "贫困", "困难") is an askOffice() criterion that says what is not known. A rule whose stated
 * conditions do not cover everything ends with `otherConditions`, which names the person's region
 * and cites its sources, so none comes out "eligible" on guesswork.
 * Region-true: a criterion taken from one region's source holds only there (`onlyIn`), so a
 * person in 吉林市 never reads 雨花区's words or sources, and the reverse.
 * Sources: jilin-city-report, changsha-yuhua-2018-report and the policies they name
 * (content/sources, content/policies/zh), and the national texts cited per criterion.
 */
import { ageOn } from '../identity';
import { askOffice, criterion, met, notKnown, notMet, onlyIn, otherConditions, rule, type Criterion, type Outcome, type Rule, type Text } from './criteria';
import type { RegionView } from './regions';
import { blindCertificateHolder, fuelCertificate, lowerLimbDisability, motorizedWheelchair, suddenHardship } from './national-rules';

const JILIN = 'jilin-city-report';
const YUHUA = 'changsha-yuhua-2018-report';
/** Region-tree nodes (content/regions) whose own sources some criteria quote. */
const JILIN_CITY = 'jilin-city';
const YUHUA_DISTRICT = 'changsha-yuhua';
/** "其他条件：<region>的资料没有说明", listed with the report that describes the service. */
const otherInJilin = otherConditions(JILIN);
const otherInYuhua = otherConditions(YUHUA);

/** A condition only 12385 or the local DPF can decide: the text says what is not known. */
const askingOffice = (id: string, text: Text, source: string): Criterion => criterion(id, text, source, () => askOffice());

/** 在雨花区，是给困难残疾人的 Yuhua speaks of disabled people in hardship. Ref: changsha-yuhua-2018-report */
export const hardshipInYuhua = onlyIn(
  YUHUA_DISTRICT,
  askingOffice(
    'hardshipInYuhua',
    {
      zh: '在雨花区，是给困难残疾人的。怎样算困难，雨花区的资料没有说明',
      en: 'In Yuhua District it is for disabled people in hardship. Our sources for Yuhua District do not say who counts as being in hardship',
    },
    YUHUA,
  ),
);

/** 在雨花区，是给贫困残疾人的 Yuhua speaks of disabled people in poverty. Ref: changsha-yuhua-2018-report */
export const povertyInYuhua = onlyIn(
  YUHUA_DISTRICT,
  askingOffice(
    'povertyInYuhua',
    {
      zh: '在雨花区，是给贫困残疾人的。怎样算贫困，雨花区的资料没有说明',
      en: 'In Yuhua District it is for disabled people in poverty. Our sources for Yuhua District do not say who counts as poor',
    },
    YUHUA,
  ),
);

/** 年满16周岁 At least the lowest age at which a person may be employed. Ref: 劳动法 第十五条 */
export const workingAgeFloor = criterion(
  'workingAgeFloor',
  { zh: '年满16周岁（可以工作的最低年龄）', en: 'Aged 16 or over (the lowest age for work)' },
  'labour-law#art15-minimum-age',
  (a, { region, asOf }) => {
    if (a.birthDate === undefined) return notKnown('birthDate');
    const minAge = region.setting('work.minAge');
    if (minAge.value === 'unknown') return askOffice();
    return ageOn(a.birthDate, asOf) >= minAge.value ? met() : notMet();
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

/**
 * 大龄 "Older". Our copy of the plan is only its title in the Jilin report: from what age is not
 * stated. A child of 6 or under is not "older" in any reading, and has children's rehabilitation
 * assistance (国发〔2018〕20号) instead; above that only the DPF can say. Ref: jilin-autism-care-subsidy
 */
export const olderAge = criterion(
  'olderAge',
  { zh: '“大龄”，也就是年龄比较大。多大年龄算大龄，吉林市的资料没有说明', en: 'You are “older”. Our sources for Jilin City do not say from what age' },
  'jilin-autism-care-subsidy',
  (a, { asOf }) => {
    if (a.birthDate === undefined) return notKnown('birthDate');
    // Whatever age "大龄" starts at, a child of 6 or under is not "older" in any reading of it.
    if (ageOn(a.birthDate, asOf) <= 6) {
      return notMet({ text: { zh: '6岁以下的孩子不是“大龄”：可以看残疾儿童康复救助', en: 'A child of 6 or under is not “older”: see children’s rehabilitation assistance' } });
    }
    return askOffice();
  },
);

/** 在机构接受康复教育照料 Rehabilitation, education and care in an institution. Ref: jilin-autism-care-subsidy */
export const careInInstitution = askingOffice(
  'careInInstitution',
  {
    zh: '在机构里接受康复、教育和照料。是哪些机构，吉林市的资料没有说明',
    en: 'You get rehabilitation, education and care in an institution. Our sources for Jilin City do not say which institutions',
  },
  'jilin-autism-care-subsidy',
);

/**
 * 就业年龄段 Working age: from 16 (劳动法 第十五条) to the statutory retirement age, which is 50
 * at the lowest (women, before the 2025 reform) and 63 at the highest (men, after it) and in
 * between depends on sex and year of birth, which the self-check does not ask (全国人大常委会
 * 关于实施渐进式延迟法定退休年龄的决定 第一条). Ref: jilin-city-report, labour-law, retirement-age-decision
 */
export const workingAge = criterion(
  'workingAge',
  { zh: '就业年龄段：年满16周岁，不到法定退休年龄', en: 'Working age: 16 or over, below the statutory retirement age' },
  JILIN,
  (a, context) => {
    const floor = workingAgeFloor.evaluate(a, context);
    if (floor.status !== 'met') return { ...floor, source: workingAgeFloor.source };
    const age = ageOn(a.birthDate!, context.asOf);
    const retirement = { source: 'retirement-age-decision', clause: 'art1-retirement-ages' };
    if (age < 50) return met({ source: retirement, text: { zh: '就业年龄段：年满16周岁，不到50周岁（一般的最低法定退休年龄）', en: 'Working age: 16 or over and under 50 (the lowest general statutory retirement age)' } });
    if (age >= 63) return notMet({ source: retirement, text: { zh: '就业年龄段：63周岁以上，已过法定退休年龄', en: 'Working age: 63 or over, past the statutory retirement age' } });
    return askOffice({
      source: retirement,
      text: { zh: '就业年龄段：50至62周岁，是否已到退休年龄要看性别和出生年月', en: 'Working age: from 50 to 62 it depends on sex and year and month of birth whether the retirement age is reached' },
    });
  },
);

/**
 * 重度残疾人 A severely disabled person: the two subsidies' texts call levels 1-2 "重度" (湘政发〔2015〕54号,
 * 吉林省's text), so the level the region's nursing subsidy covers decides it, with that region's clause.
 */
function severe(a: { hasCertificate?: boolean; level?: number }, region: RegionView): Outcome {
  const maxLevel = region.setting('nursingSubsidy.maxLevel');
  const basis = maxLevel.reference ? { source: maxLevel.reference } : {};
  // A level is a certificate's: where one is given, it decides.
  if (a.level !== undefined && a.hasCertificate !== false && maxLevel.value !== 'unknown') return a.level <= maxLevel.value ? met(basis) : notMet(basis);
  if (a.hasCertificate === undefined) return notKnown('hasCertificate');
  // The level on the certificate shows "重度": without one, the certificate comes first.
  if (!a.hasCertificate) return notMet({ text: { zh: '重度残疾要由残疾人证上的等级证明：先申请残疾人证', en: 'A severe disability is shown by the level on a disability certificate: apply for the certificate first' } });
  if (a.level === undefined) return notKnown('level');
  if (maxLevel.value === 'unknown') return askOffice();
  return a.level <= maxLevel.value ? met(basis) : notMet(basis);
}

/** 持有残疾人证 A disability certificate shows the person is disabled; without one, ask how else to show it. Ref: 残疾人保障法 第二条 */
export const certifiedDisabled = criterion(
  'certifiedDisabled',
  { zh: '是残疾人（残疾人证可以证明）', en: 'You are a disabled person (a disability certificate shows it)' },
  'disabled-persons-protection-law#art2-definition',
  (a) => {
    if (a.hasCertificate === undefined) return notKnown('hasCertificate');
    return a.hasCertificate ? met() : askOffice({ text: { zh: '没有残疾人证：怎样证明残疾，要问当地残联', en: 'No certificate: ask the local DPF how else to show the disability' } });
  },
);

/** 重度残疾人（养老保险） Contributions paid for severely disabled people. Ref: 国发〔2014〕8号 */
export const severeForPension = criterion(
  'severeForPension',
  { zh: '重度残疾人（一级、二级）：地方政府代缴部分或全部最低标准的养老保险费', en: 'A severely disabled person (level 1 or 2): local government pays part or all of the lowest contribution' },
  'guofa-2014-8#contribution-paid-for-severe-disability',
  (a, { region }) => {
    // "对重度残疾人等缴费困难群体": others who struggle to pay may be helped too.
    if (a.hasCertificate === false) return askOffice({ text: { zh: '没有残疾人证：“等缴费困难群体”还包括谁，要问当地', en: 'No certificate: ask locally who else counts among those who struggle to pay' } });
    const outcome = severe(a, region);
    if (outcome.status === 'notMet') return askOffice({ text: { zh: '三级、四级：“等缴费困难群体”还包括谁，要问当地', en: 'Levels 3 and 4: ask locally who else counts among those who struggle to pay' } });
    return outcome.status === 'met' ? met() : outcome;
  },
);

/** 重度（医保代缴） Severely disabled: levels 1-2. Ref: jilin-city-report, the region's two-subsidies text */
export const severeForMedicalInsurance = criterion(
  'severeForMedicalInsurance',
  { zh: '重度残疾人（一级、二级）', en: 'A severely disabled person (level 1 or 2)' },
  JILIN,
  (a, { region }) => severe(a, region),
);

/** 城镇（没有说明） Living in a town: the Jilin report does not say how this is decided. Ref: jilin-city-report */
export const urbanResident = criterion(
  'urbanResident',
  { zh: '住在城镇。怎样算“城镇”，吉林市的资料没有说明', en: 'You live in a town or city. Our sources for Jilin City do not say how this is decided' },
  JILIN,
  () => askOffice(),
);

/** 贫困精神病患者（“贫困”没有说明） A person with a mental illness living in poverty. Ref: jilin-city-report */
export const poorWithMentalIllness = askingOffice(
  'poorWithMentalIllness',
  { zh: '生活贫困的精神病患者。怎样算贫困，吉林市的资料没有说明', en: 'You have a mental illness and live in poverty. Our sources for Jilin City do not say who counts as poor' },
  JILIN,
);

/**
 * 接受高中阶段教育 In senior secondary school: the grant is 扶残助学金（高中阶段）, for disabled
 * students at that stage and children of hard-up disabled families. Ref: jilin-student-aid, jilin-city-report
 */
export const seniorSecondaryStudent = criterion(
  'seniorSecondaryStudent',
  { zh: '正在读高中阶段（普通高中、中专、职业高中、技工学校）', en: 'You are in senior secondary school (upper secondary, secondary vocational or technical school)' },
  JILIN,
  (a) => {
    if (a.schoolStage === undefined) return notKnown('schoolStage');
    return a.schoolStage === 'senior-secondary' ? met() : notMet();
  },
);

/** 残疾人基本养老保险：年满16周岁 Residents' pension insurance is for people aged 16 and over. Ref: 国发〔2014〕8号 */
export const pensionAge = criterion(
  'pensionAge',
  { zh: '年满16周岁（城乡居民养老保险的参保年龄）', en: 'Aged 16 or over (the age to join residents’ pension insurance)' },
  'guofa-2014-8#who-can-join',
  (a, { region, asOf }) => {
    if (a.birthDate === undefined) return notKnown('birthDate');
    const minAge = region.setting('residentsPension.minAge');
    if (minAge.value === 'unknown') return askOffice();
    return ageOn(a.birthDate, asOf) >= minAge.value ? met({ source: minAge.reference }) : notMet({ source: minAge.reference });
  },
);

/**
 * 不到60周岁 Still paying in: residents' pension is paid from 60 (国发〔2014〕8号 七), so
 * contributions, and aid with them, are for people under 60. Ref: 国发〔2014〕8号
 */
export const underPensionAge = criterion(
  'underPensionAge',
  { zh: '不到60周岁（60周岁起按月领取养老金，不再缴费）', en: 'Under 60 (from 60 the pension is paid monthly; no more contributions)' },
  'guofa-2014-8#when-pension-is-paid',
  (a, { asOf }) => {
    if (a.birthDate === undefined) return notKnown('birthDate');
    return ageOn(a.birthDate, asOf) < 60 ? met() : notMet();
  },
);

/**
 * 不在职工养老保险范围内 Residents' pension is for people outside the employees' scheme: few of
 * those the self-check sees are in it, and no question asks, so a likely result shows it to confirm.
 * Ref: 国发〔2014〕8号
 */
export const notInEmployeePension = criterion(
  'notInEmployeePension',
  { zh: '没有参加职工基本养老保险', en: 'Not in the employees’ basic pension insurance' },
  'guofa-2014-8#who-can-join',
  () => met({ toConfirm: true, text: { zh: '请确认：没有参加职工基本养老保险（参加的人不在城乡居民养老保险范围内）', en: 'Please confirm: you are not in the employees’ basic pension insurance (its members are outside residents’ pension insurance)' } }),
);

/** 不是在校学生 Not a student: residents' pension insurance leaves students out. Ref: 国发〔2014〕8号 */
export const notAStudent = criterion(
  'notAStudent',
  { zh: '不是在校学生', en: 'You are not a student' },
  'guofa-2014-8#who-can-join',
  (a) => {
    if (a.schoolStage === undefined) return notKnown('schoolStage');
    return a.schoolStage === 'none' ? met() : notMet();
  },
);

/** 贫困或困难的残疾人家庭（没有说明怎样认定） A household in poverty or hardship. Ref: jilin-city-report */
export const poorHousehold = onlyIn(
  JILIN_CITY,
  askingOffice(
    'poorHousehold',
    {
      zh: '在吉林市，是给贫困残疾人家庭的。怎样算贫困，吉林市的资料没有说明',
      en: 'In Jilin City it is for disabled people’s households in poverty. Our sources for Jilin City do not say who counts as poor',
    },
    JILIN,
  ),
);

/** 家里住的是危房（没有说明怎样认定） The home is unsafe to live in. Ref: jilin-city-report, changsha-yuhua-2018-report */
export const unsafeHome = criterion(
  'unsafeHome',
  { zh: '家里住的是危房。怎样认定危房，我们的资料没有说明', en: 'Your home is unsafe to live in. Our sources do not say how this is decided' },
  JILIN,
  (_a, { region }) =>
    askOffice({
      text: { zh: `家里住的是危房。怎样认定危房，${region.name.zh}的资料没有说明`, en: `Your home is unsafe to live in. Our sources for ${region.name.en} do not say how this is decided` },
      ...(region.sources[0] !== undefined && { source: { source: region.sources[0] } }),
    }),
);

/** 在雨花区，还要是贫困残疾人、愿意改造 Yuhua also asks for poverty and wanting the work. Ref: changsha-yuhua-2018-report */
export const unsafeHomeInYuhua = onlyIn(
  YUHUA_DISTRICT,
  askingOffice(
    'unsafeHomeInYuhua',
    {
      zh: '在雨花区，还要是贫困残疾人，而且愿意改造。怎样算贫困，雨花区的资料没有说明',
      en: 'In Yuhua District you must also be a disabled person in poverty and want the work done. Our sources for Yuhua District do not say who counts as poor',
    },
    YUHUA,
  ),
);

/** 在雨花区，是给有需求的残疾儿童和持证残疾人的 Yuhua's plan counts children and certificate holders in need. Ref: yuhua-rehabilitation-plan */
export const rehabilitationInYuhua = onlyIn(
  YUHUA_DISTRICT,
  askingOffice(
    'rehabilitationInYuhua',
    {
      zh: '雨花区的方案是给有需求的残疾儿童和持有残疾人证的残疾人的。成年人是不是一定要有残疾人证、怎样算有需求，雨花区的资料没有说明',
      en: 'Yuhua District’s plan is for disabled children and certificate holders who need it. Our sources for Yuhua District do not say whether an adult must hold a certificate or what counts as need',
    },
    'yuhua-rehabilitation-plan',
  ),
);

/** 还没有残疾人证 Does not hold a certificate yet: nobody is offered what they already have. Ref: disability-certificate-measures */
export const noCertificateYet = criterion(
  'noCertificateYet',
  { zh: '还没有第二代残疾人证', en: 'You do not have a disability certificate yet' },
  'disability-certificate-measures#art3-who-may-apply',
  (a) => {
    if (a.hasCertificate === undefined) return notKnown('hasCertificate');
    return a.hasCertificate ? notMet({ text: { zh: '你已经有残疾人证', en: 'You already have a disability certificate' } }) : met();
  },
);

/** 残疾评定 Whether the disability meets the national standard: the assessment decides. Ref: disability-certificate-measures */
export const assessedDisability = askingOffice(
  'assessedDisability',
  {
    zh: '残疾符合国家的残疾标准：由残联指定的医院评定后才知道',
    en: 'Your disability meets the national standard: only the assessment the DPF arranges can say',
  },
  'disability-certificate-measures#art3-who-may-apply',
);

/** 免费乘坐市内公交车 Free city buses: blind people by national law; others as the city's policy says. Ref: 残疾人保障法 第五十条, jilin-free-bus */
export const freeBusEntitlement = criterion(
  'freeBusEntitlement',
  { zh: '持有残疾人证的盲人（国家法律规定），或者吉林市的政策包括的残疾人', en: 'A blind certificate holder (national law), or a disabled person Jilin City’s policy covers' },
  'disabled-persons-protection-law#art50-free-transport-blind',
  (a, { region }) => {
    if (blindCertificateHolder(a)) return met({ text: { zh: '持有残疾人证的盲人：国家法律规定免费乘坐市内公共交通', en: 'A blind certificate holder: national law gives free city transport' } });
    const mayBeBlindHolder = a.hasCertificate !== false && (a.category === undefined || a.category === 'visual') && (a.level === undefined || a.level <= 2);
    // In 吉林市 a certificate is enough; elsewhere only a blind holder is sure.
    if (a.hasCertificate === undefined && region.chain.includes(JILIN_CITY)) return notKnown('hasCertificate');
    if (mayBeBlindHolder && !(a.hasCertificate === true && region.chain.includes(JILIN_CITY))) {
      const missing = (['hasCertificate', 'category', 'level'] as const).filter((q) => a[q] === undefined);
      return notKnown(...missing);
    }
    // 吉林市: "每名残疾人每年享受480元的免费乘车补贴" (every disabled person): a certificate shows it.
    if (region.chain.includes(JILIN_CITY) && a.hasCertificate === true) {
      return met({ text: { zh: '在吉林市，每名残疾人都有免费乘车补贴', en: 'In Jilin City every disabled person gets the free bus allowance' }, source: { source: JILIN } });
    }
    return askOffice({
      text: { zh: `${region.name.zh}的政策包括哪些人、没有残疾人证怎样办，我们的资料没有说明`, en: `Our sources for ${region.name.en} do not say who its policy covers, or what to do without a certificate` },
      source: { source: 'jilin-free-bus' },
    });
  },
);

/**
 * 临时救助 Temporary assistance: a household in sudden hardship (国发〔2014〕47号); in 雨花区 also a
 * registered poor household outside 低保 (the district's safety-net group). Ref: social-assistance-measures, guofa-2014-47-report, changsha-yuhua-2018-report
 */
export const temporaryAssistanceGrounds = criterion(
  'temporaryAssistanceGrounds',
  suddenHardship.text,
  suddenHardship.source,
  (a, context) => {
    const sudden = suddenHardship.evaluate(a, context);
    if (sudden.status === 'met' || !context.region.chain.includes(YUHUA_DISTRICT)) return sudden;
    // 雨花区: "临时救助 for registered poor households outside 低保".
    // The district's 2018 plan (to the end of 2017); registration of poor households has since
    // ended nationally, so whether it still holds is for the district to say.
    const yuhua: Text = {
      zh: '雨花区2018年的报告说，建档立卡贫困户不符合低保条件的，给予临时救助；现在是否还这样做，要问区里',
      en: 'Yuhua District’s 2018 report says registered poor households that do not qualify for dibao get temporary assistance; ask the district whether this still holds',
    };
    if (a.household === 'registered-poor') return askOffice({ text: yuhua, source: { source: YUHUA } });
    if (sudden.status === 'notMet' && a.household === undefined) return notKnown('household');
    return sudden;
  },
);

/** 残疾人就业服务：公共就业服务机构免费提供 Free public employment services, by law. Ref: 残疾人保障法 第三十七条 */
const certifiedDisabledForJobs = { ...certifiedDisabled, source: { source: 'disabled-persons-protection-law', clause: 'art37-free-employment-services' } };
/** 残联的就业服务机构免费开展职业培训 Free vocational training from the DPF's services, by law. Ref: 残疾人保障法 第三十七条 */
const certifiedDisabledForTraining = { ...certifiedDisabled, source: { source: 'disabled-persons-protection-law', clause: 'art37-dpf-employment-services' } };

/** 就业年龄段残疾人意外伤害保险 Accident insurance for working-age disabled people. Ref: jilin-city-report */
export const accidentInsurance = rule('accident-insurance', [workingAge, certifiedDisabled]);
/** 残疾人辅助器具 Assistive devices. Ref: jilin-city-report, changsha-yuhua-2018-report */
export const assistiveDevices = rule('assistive-devices', [povertyInYuhua, otherInJilin]);
/** 大龄自闭症、智力障碍残疾人康复教育照料补贴 Care subsidy for older autistic people and people with intellectual disability. Ref: jilin-autism-care-subsidy */
export const autismCareSubsidy = rule('autism-care-subsidy', [autisticOrIntellectual, olderAge, careInInstitution, otherInJilin]);
/** 残疾人托养服务 Residential and day care. Ref: jilin-city-report, changsha-yuhua-2018-report */
export const careServices = rule('care-services', [povertyInYuhua, otherInJilin]);
/** 残疾人证（第二代） Disability certificate. Ref: 残疾人证管理办法 第三条 */
export const disabilityCertificate = rule('disability-certificate', [noCertificateYet, assessedDisability]);
/** 残疾人就业服务 Employment services. Ref: jilin-city-report, changsha-yuhua-2018-report */
export const employmentServices = rule('employment-services', [workingAgeFloor, certifiedDisabledForJobs]);
/** 残疾人创业扶持 Support for starting a business. Ref: changsha-yuhua-2018-report */
export const entrepreneurshipSupport = rule('entrepreneurship-support', [workingAgeFloor, hardshipInYuhua, otherInYuhua]);
/** 残疾人免费乘坐市内公交车 Free city bus travel. Ref: jilin-free-bus, 残疾人保障法 第五十条 */
export const freeBusTravel = rule('free-bus-travel', [freeBusEntitlement]);
/** 残疾人家庭无障碍改造 Home accessibility changes. Ref: jilin-city-report, yuhua-assistance-measures */
export const homeAccessibility = rule('home-accessibility', [poorHousehold, otherInJilin]);
/** 残疾人危房改造 Renovation of unsafe homes. Ref: jilin-city-report, changsha-yuhua-2018-report */
export const housingRenovation = rule('housing-renovation', [unsafeHome, unsafeHomeInYuhua, otherInJilin]);
/** 法律援助和权益维护 Legal aid and protection of rights. Ref: jilin-city-report */
export const legalAid = rule('legal-aid', [otherInJilin]);
/** 城镇重度残疾人基本医疗保险代缴 Medical insurance contributions for severely disabled urban residents. Ref: jilin-city-report */
export const medicalInsuranceAid = rule('medical-insurance-aid', [severeForMedicalInsurance, urbanResident]);
/** 肢体残疾人代步车燃油补贴 Fuel subsidy for motorized wheelchairs. Ref: 财社〔2010〕256号 */
export const mobilityFuelSubsidy = rule('mobility-fuel-subsidy', [fuelCertificate, lowerLimbDisability, motorizedWheelchair]);
/** 残疾人基本养老保险缴费资助 Pension contribution aid. Ref: jilin-city-report, 国发〔2014〕8号 */
export const pensionContributionAid = rule('pension-contribution-aid', [pensionAge, underPensionAge, notAStudent, notInEmployeePension, severeForPension]);
/** 贫困精神病患者免费服药和免费住院 Free medication and hospital stays for people with psychiatric illness in poverty. Ref: jilin-city-report */
export const psychiatricMedicationAid = rule('psychiatric-medication-aid', [poorWithMentalIllness, otherInJilin]);
/** 残疾人精准康复服务 Targeted rehabilitation services. Ref: yuhua-rehabilitation-plan */
export const rehabilitationServices = rule('rehabilitation-services', [rehabilitationInYuhua, otherInYuhua]);
/** 扶残助学金（高中阶段） Study grant for disabled students at senior secondary school. Ref: jilin-student-aid */
export const studentAid = rule('student-aid', [seniorSecondaryStudent, certifiedDisabled]);
/** 临时救助 Temporary assistance. Ref: 社会救助暂行办法 第四十七条, 国发〔2014〕47号 (guofa-2014-47-report), changsha-yuhua-2018-report */
export const temporaryAssistance = rule('temporary-assistance', [temporaryAssistanceGrounds]);
/** 残疾人职业培训 Vocational training. Ref: jilin-city-report, changsha-yuhua-2018-report */
export const vocationalTraining = rule('vocational-training', [workingAgeFloor, certifiedDisabledForTraining]);

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
