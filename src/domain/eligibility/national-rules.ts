/**
 * Criteria and rules whose conditions national texts state, each citing the clause it rests on
 * (content/sources, `id#clause`). Where a text lets regions decide, the criterion reads the
 * region's dated parameter (./regions.ts): a choice stated up the tree holds, and where no level
 * of the person's region says, the outcome is "ask", in words that name that region.
 */
import { ageOn } from '../identity';
import { askOffice, criterion, met, notKnown, notMet, onlyIn, onlyShowsMet, rule, yesTo, type Answers, type Basis, type Household, type Text } from './criteria';
import type { RegionView, Setting } from './regions';

/** "雨花区的资料没有说明…" for a regional choice no level of the person's region states. */
function regionSilent(region: RegionView, setting: Setting<unknown>, what: Text): Basis {
  const where = setting.region === undefined || setting.region === region.id ? region.name : { zh: '当地', en: 'your region' };
  return {
    text: { zh: `${what.zh}：${where.zh}的规定我们的资料没有说明`, en: `${what.en}: our sources do not say what ${where.en} decided` },
    ...(setting.reference && { source: setting.reference }),
  };
}

/** The clause a stated regional choice rests on. */
const stated = (setting: Setting<unknown>): Basis => (setting.reference ? { source: setting.reference } : {});

/** 持有第二代残疾人证 Holds a disability certificate, the proof of disability status. Ref: 残疾人证管理办法 第二条 */
export const holdsCertificate = yesTo('hasCertificate', { zh: '持有第二代残疾人证', en: 'You hold a disability certificate' }, 'disability-certificate-measures#art2-proof-of-disability');

/** 低保家庭，或当地扩大到的困难家庭 A dibao household, or one the region extends the subsidy to. Ref: 国发〔2015〕52号 */
export const hardshipHousehold = criterion(
  'hardshipHousehold',
  { zh: '家庭享受低保，或属于当地扩大补贴范围的困难家庭', en: 'Your household gets dibao, or is one your region extends the subsidy to' },
  'guofa-2015-52#living-subsidy-recipients',
  (a, { region }) => {
    if (a.household === undefined) return notKnown('household');
    if (a.household === 'dibao') return met();
    // 长沙市: every level 1-2 holder, whatever the household.
    const allUpTo = region.setting('livingSubsidy.allHouseholdsUpToLevel');
    if (allUpTo.value !== 'unknown' && allUpTo.reference) {
      if (a.level === undefined) return notKnown('level');
      if (a.level <= allUpTo.value) {
        const where = region.nameOf(allUpTo.region);
        return met({ ...stated(allUpTo), text: { zh: `在${where.zh}，一级、二级残疾人不论家庭情况都可以领`, en: `In ${where.en}, people at levels 1 and 2 get it whatever their household` } });
      }
    }
    const extended = region.setting('livingSubsidy.extendedTo');
    // 52号: regions may extend it to low-income and "other hard-up" disabled people, so any
    // household, even one outside the named statuses, may be covered where the choice is unknown.
    if (extended.value === 'unknown') {
      return askOffice(regionSilent(region, extended, { zh: '低保以外的困难家庭能不能领', en: 'Whether hard-up households outside dibao are covered' }));
    }
    return a.household !== 'none' && extended.value.includes(a.household) ? met(stated(extended)) : notMet(stated(extended));
  },
);

/** 一级、二级，或当地扩大到的类别和等级 Level 1-2, or a category and level the region extends to. Ref: 国发〔2015〕52号 */
export const severeOrExtended = criterion(
  'severeOrExtended',
  { zh: '残疾等级为一级或二级，或属于当地扩大补贴范围的类别和等级', en: 'Your level is 1 or 2, or a category and level your region extends the subsidy to' },
  'guofa-2015-52#nursing-subsidy-recipients',
  (a, { region }) => {
    if (a.level === undefined) return notKnown('level');
    const maxLevel = region.setting('nursingSubsidy.maxLevel');
    if (maxLevel.value !== 'unknown' && a.level <= maxLevel.value) return met(stated(maxLevel));
    const extended = region.setting('nursingSubsidy.extendedTo');
    // 52号 lets a region extend it to "非重度智力、精神残疾人或其他残疾人": any category, any level.
    if (extended.value === 'unknown') {
      return askOffice(regionSilent(region, extended, { zh: '三级、四级能不能领', en: 'Whether levels 3 and 4 are covered' }));
    }
    const reach = extended.value.filter((x) => a.level! <= x.maxLevel);
    if (!reach.length) return notMet(stated(extended));
    if (reach.some((x) => x.category === 'any')) return met(stated(extended));
    if (a.category === undefined) return notKnown('category');
    return reach.some((x) => x.category === a.category) ? met(stated(extended)) : notMet(stated(extended));
  },
);

/**
 * 需要长期照护 Needs long-term care, where the region asks for it. Ref: 国发〔2015〕52号; a
 * province may define the subsidy by level alone (its parameter `nursingSubsidy.needsLongTermCare`).
 */
export const needsLongTermCare = criterion(
  'needsLongTermCare',
  { zh: '需要长期照护', en: 'You need long-term care' },
  'guofa-2015-52#nursing-subsidy-recipients',
  (a, { region }) => {
    const asked = region.setting('nursingSubsidy.needsLongTermCare');
    if (asked.value === false) {
      const where = region.nameOf(asked.region);
      return met({ ...stated(asked), text: { zh: `${where.zh}的规定写的是一级、二级，没有写需要长期照护`, en: `${where.en}'s rule names levels 1 and 2, and no need of long-term care` } });
    }
    if (a.needsLongTermCare === undefined) return notKnown('needsLongTermCare');
    return a.needsLongTermCare ? met() : notMet();
  },
);

/** 0-6岁（当地可以提高年龄） Aged 0-6, or up to the age the region sets. Ref: 国发〔2018〕20号 */
export const childAge = criterion(
  'childAge',
  { zh: '年龄在0至6岁之间（当地可以提高年龄上限）', en: 'Aged 0 to 6 (your region may raise the age limit)' },
  'guofa-2018-20#child-rehabilitation-recipients',
  (a, { region, asOf }) => {
    if (a.birthDate === undefined) return notKnown('birthDate');
    const age = ageOn(a.birthDate, asOf);
    if (age < 0) return notMet();
    const base = region.setting('childRehabilitation.baseMaxAge');
    if (base.value !== 'unknown' && age <= base.value) return met();
    const maxAge = region.setting('childRehabilitation.maxAge');
    if (maxAge.value !== 'unknown' && age <= maxAge.value) return met(stated(maxAge));
    const someItems = region.setting('childRehabilitation.maxAgeForSomeItems');
    if (someItems.value !== 'unknown' && age <= someItems.value) {
      return askOffice({
        ...stated(someItems),
        text: {
          zh: `${age}岁：${region.nameOf(someItems.region).zh}把矫治手术、大腿假肢、小腿假肢的年龄放宽到${someItems.value}岁，其他项目要问当地`,
          en: `Aged ${age}: ${region.nameOf(someItems.region).en} extends corrective surgery and thigh and lower-leg prostheses to age ${someItems.value}; ask locally about the rest`,
        },
      });
    }
    // 20号 lets regions raise the age: a minor older than the national limit, where no level
    // of the region states its own limit, is for the region to answer.
    if (maxAge.value === 'unknown') return age < 18 ? askOffice(regionSilent(region, maxAge, { zh: '6岁以上能不能领', en: 'Whether children over 6 are covered' })) : notMet();
    return notMet(stated(maxAge));
  },
);

/**
 * 视力、听力、言语、肢体、智力等残疾儿童和孤独症儿童 The children 20号 names. The list ends in 等,
 * so it is open: a multiple disability includes at least one named category (the Yuhua report's
 * own case is a child with cerebral palsy and a severe visual impairment), and a psychosocial
 * disability is not excluded by the text, only not named. Ref: 国发〔2018〕20号
 */
export const childDisability = onlyShowsMet(criterion(
  'childDisability',
  { zh: '视力、听力、言语、肢体、智力等残疾，或孤独症', en: 'A visual, hearing, speech, physical, intellectual or other disability, or autism' },
  'guofa-2018-20#child-rehabilitation-recipients',
  (a) => {
    if (a.isAutistic === true) return met();
    if (a.category === undefined) return a.isAutistic === false ? notKnown('category') : notKnown('category', 'isAutistic');
    if (a.category !== 'psychosocial') return met();
    if (a.isAutistic === undefined) return notKnown('isAutistic');
    return askOffice({
      text: { zh: '精神残疾：文件列出的类别以“等”结尾，精神残疾没有写明，要问当地', en: 'Psychosocial disability: the text’s list ends in “and others” and does not name it, so ask locally' },
    });
  },
));

/** The households 20号 names: 低保, 建档立卡, 特困 (with children in welfare institutions and orphans, which the self-check does not ask). */
const NAMED_FAMILIES = new Set<Household>(['dibao', 'registered-poor', 'tekun']);

/**
 * 家庭经济条件 The family's means: a household 20号 names, "其他经济困难家庭", or any family where
 * the region has lifted the condition. Ref: 国发〔2018〕20号
 */
export const childFamilyMeans = onlyShowsMet(criterion(
  'childFamilyMeans',
  {
    zh: '家庭享受低保、是建档立卡贫困户或特困供养，或者是其他经济困难家庭（当地可以放宽）',
    en: 'The family gets dibao, is a registered poor household or gets tekun support, or is otherwise short of money (your region may relax this)',
  },
  'guofa-2018-20#child-rehabilitation-family-types',
  (a, { region }) => {
    const allFamilies = region.setting('childRehabilitation.allFamilies');
    if (allFamilies.value === true) return met(stated(allFamilies));
    if (a.household === undefined) return notKnown('household');
    if (NAMED_FAMILIES.has(a.household)) return met();
    // "其他经济困难家庭" is not defined in the national text: a region decides who counts.
    if (allFamilies.value === 'unknown') {
      return askOffice(regionSilent(region, allFamilies, { zh: '其他家庭能不能领、怎样算经济困难', en: 'Whether other families are covered and who counts as short of money' }));
    }
    return askOffice({ text: { zh: '其他经济困难家庭：怎样认定，要问当地', en: 'Other families short of money: ask locally who counts' }, ...stated(allFamilies) });
  },
));

/** 突发困难 Sudden hardship the household cannot bear. Ref: 社会救助暂行办法 第四十七条; 国发〔2014〕47号 names the same households (guofa-2014-47-report#household-recipients, a news report of it) */
export const suddenHardship = yesTo(
  'hasSuddenHardship',
  {
    zh: '家里因为火灾、交通事故等意外，或者家人突发重病，基本生活暂时有严重困难；低保家庭因为必需的开支突然增加、负担不了，也算',
    en: 'After a fire, a road accident or a family member’s sudden serious illness, your household’s basic living is in severe difficulty for now; for a dibao household, a sudden rise in necessary spending it cannot bear also counts',
  },
  'social-assistance-measures#temporary-assistance-recipients',
);

/**
 * 盲人持有效证件免费乘坐市内公共交通 Blind people ride city buses free with a valid certificate.
 * Visual levels 1 and 2 are 盲 (blindness), 3 and 4 低视力 (low vision), in the national
 * classification of disabilities the certificate's level follows. Ref: 残疾人保障法 第五十条
 */
export const blindCertificateHolder = (a: Answers): boolean => a.hasCertificate === true && a.category === 'visual' && a.level !== undefined && a.level <= 2;

/** 持有残疾人证 Holds a certificate, as the fuel subsidy asks of the owner. Ref: 财社〔2010〕256号 */
export const fuelCertificate = yesTo('hasCertificate', { zh: '持有残疾人证', en: 'You hold a disability certificate' }, 'caishe-2010-256#owner-conditions');

/** 下肢残疾 A disability of the lower limbs: a physical disability, and the office checks the limbs. Ref: 财社〔2010〕256号 */
export const lowerLimbDisability = criterion(
  'lowerLimbDisability',
  { zh: '下肢残疾（肢体残疾中的一种）', en: 'A disability of the legs (a kind of physical disability)' },
  'caishe-2010-256#owner-conditions',
  (a) => {
    if (a.category === undefined) return notKnown('category');
    // A physical or multiple disability may or may not be of the lower limbs: the certificate's
    // assessment says, which the self-check does not ask.
    if (a.category === 'physical' || a.category === 'multiple') return askOffice({ text: { zh: '下肢残疾：残疾人证上的评定会写明，由残联核实', en: 'A disability of the legs: the certificate’s assessment says, and the DPF checks it' } });
    return notMet();
  },
);

/** 残疾人机动轮椅车车主 Owns a motorized wheelchair for disabled people. Ref: 财社〔2010〕256号 */
export const motorizedWheelchair = yesTo('hasMotorizedWheelchair', { zh: '是残疾人机动轮椅车的车主', en: 'You own a motorized wheelchair for disabled people' }, 'caishe-2010-256#subsidy-recipients');

/**
 * 吉林省：领取工伤保险生活护理费的工伤职工、特困供养的“三无”人员和五保户不享受两项补贴. 特困 is a
 * household answer, and the work-injury nursing allowance one of what the person says they already
 * get; until that is answered (or when it is "I don't know") a likely result shows it as a
 * condition to confirm, since it concerns few people. Ref: jilin-two-subsidies#exclusions
 */
export const notExcludedInJilin = onlyIn(
  'jilin',
  criterion(
    'notExcludedInJilin',
    { zh: '不是特困供养人员，也没有领取工伤保险生活护理费', en: 'Not supported as a person in extreme poverty (tekun), and not paid a work-injury nursing allowance' },
    'jilin-two-subsidies#exclusions',
    (a) => {
      if (a.household === 'tekun') return notMet({ text: { zh: '特困供养人员不享受两项补贴', en: 'People supported as tekun do not get the two subsidies' } });
      if (a.alreadyReceives?.includes('work-injury-nursing-allowance')) {
        return notMet({ text: { zh: '领取工伤保险生活护理费的，不享受两项补贴', en: 'People paid a work-injury nursing allowance do not get the two subsidies' } });
      }
      if (a.household === undefined) return notKnown('household');
      if (a.alreadyReceives !== undefined) return met();
      return met({ toConfirm: true, text: { zh: '请确认：没有领取工伤保险生活护理费（领取的不能再领两项补贴）', en: 'Please confirm: you are not paid a work-injury nursing allowance (those who are cannot get the two subsidies)' } });
    },
  ),
);

/** 困难残疾人生活补贴 Living subsidy. Ref: 国发〔2015〕52号 */
export const livingSubsidy = rule('living-subsidy', [holdsCertificate, hardshipHousehold, notExcludedInJilin]);
/** 重度残疾人护理补贴 Nursing subsidy. Ref: 国发〔2015〕52号 */
export const nursingSubsidy = rule('nursing-subsidy', [holdsCertificate, severeOrExtended, needsLongTermCare, notExcludedInJilin]);
/** 残疾儿童康复救助 Children's rehabilitation assistance. Ref: 国发〔2018〕20号 */
export const childRehabilitation = rule('child-rehabilitation', [childAge, childDisability, childFamilyMeans]);
