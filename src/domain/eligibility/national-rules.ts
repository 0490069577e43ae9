/**
 * Criteria and rules for the services whose conditions the national framework states.
 * Sources: guofa-2015-52 (国发〔2015〕52号), guofa-2018-20 (国发〔2018〕20号).
 */
import { ageOn } from '../identity';
import { askOffice, criterion, met, notKnown, notMet, rule, yesTo, type Household } from './criteria';

/** 持有第二代残疾人证 Holds a disability certificate. Ref: 国发〔2015〕52号 */
export const holdsCertificate = yesTo('hasCertificate', { zh: '持有第二代残疾人证', en: 'You hold a disability certificate' }, 'guofa-2015-52');

/** Households a region may extend the living subsidy to (低收入, 特困, 建档立卡). */
const HARDSHIP = new Set<Household>(['low-income', 'tekun', 'registered-poor']);

/** 低保家庭，或当地扩大到的困难家庭 A dibao household, or one the region extends the subsidy to. */
export const hardshipHousehold = criterion(
  'hardshipHousehold',
  { zh: '家庭享受低保，或属于当地扩大补贴范围的困难家庭', en: 'Your household gets dibao, or is one your region extends the subsidy to' },
  'guofa-2015-52',
  (a, { region }) => {
    if (a.household === undefined) return notKnown('household');
    if (a.household === 'dibao') return met();
    const extended = region.livingSubsidyExtendedTo;
    // A hardship household the region may have extended the subsidy to: only the region knows.
    if (extended === 'unknown') return HARDSHIP.has(a.household) ? askOffice() : notMet();
    return extended.includes(a.household) ? met() : notMet();
  },
);

/** 一级、二级，或当地扩大到的类别和等级 Level 1-2, or a category and level the region extends to. */
export const severeOrExtended = criterion(
  'severeOrExtended',
  { zh: '残疾等级为一级或二级，或属于当地扩大补贴范围的类别和等级', en: 'Your level is 1 or 2, or a category and level your region extends the subsidy to' },
  'guofa-2015-52',
  (a, { region }) => {
    if (a.level === undefined) return notKnown('level');
    if (a.level <= 2) return met();
    if (region.nursingSubsidyExtendedTo === 'unknown') {
      // The framework lets regions extend it to levels 3-4 intellectual or psychosocial only.
      if (a.category === undefined) return notKnown('category');
      return a.category === 'intellectual' || a.category === 'psychosocial' ? askOffice() : notMet();
    }
    const extensions = region.nursingSubsidyExtendedTo.filter((x) => a.level! <= x.maxLevel);
    if (!extensions.length) return notMet();
    if (a.category === undefined) return notKnown('category');
    return extensions.some((x) => x.category === a.category) ? met() : notMet();
  },
);

/** 需要长期照护 Needs long-term care. Ref: 国发〔2015〕52号 */
export const needsLongTermCare = yesTo('needsLongTermCare', { zh: '需要长期照护', en: 'You need long-term care' }, 'guofa-2015-52');

/** The national age limit for children's rehabilitation assistance. Ref: 国发〔2018〕20号 */
const NATIONAL_MAX_AGE = 6;

/** 0-6岁（当地可以提高年龄） Aged 0-6, or up to the age the region sets. Ref: 国发〔2018〕20号 */
export const childAge = criterion(
  'childAge',
  { zh: '年龄在0至6岁之间（当地可以提高年龄上限）', en: 'Aged 0 to 6 (your region may raise the age limit)' },
  'guofa-2018-20',
  (a, { region, asOf }) => {
    if (a.birthDate === undefined) return notKnown('birthDate');
    const age = ageOn(a.birthDate, asOf);
    if (age < 0) return notMet();
    if (age <= NATIONAL_MAX_AGE) return met();
    const maxAge = region.childRehabilitationMaxAge;
    // Older than 6 where the region's limit is not known: only the region can say.
    if (maxAge === 'unknown') return age < 18 ? askOffice() : notMet();
    return age <= maxAge ? met() : notMet();
  },
);

const CHILD_CATEGORIES = new Set(['visual', 'hearing', 'speech', 'physical', 'intellectual']);

/** 视力、听力、言语、肢体、智力残疾或孤独症 The disabilities the framework names. Ref: 国发〔2018〕20号 */
export const childDisability = criterion(
  'childDisability',
  { zh: '视力、听力、言语、肢体、智力残疾，或孤独症', en: 'A visual, hearing, speech, physical or intellectual disability, or autism' },
  'guofa-2018-20',
  (a) => {
    if (a.isAutistic === true) return met();
    if (a.category !== undefined && CHILD_CATEGORIES.has(a.category)) return met();
    // Psychosocial or multiple: the framework names neither, and autism may still apply.
    if (a.isAutistic === undefined) return notKnown(...(a.category === undefined ? (['category', 'isAutistic'] as const) : (['isAutistic'] as const)));
    return a.category === undefined ? notKnown('category') : notMet();
  },
);

/** 困难残疾人生活补贴 Living subsidy. Ref: 国发〔2015〕52号 */
export const livingSubsidy = rule('living-subsidy', [holdsCertificate, hardshipHousehold]);
/** 重度残疾人护理补贴 Nursing subsidy. Ref: 国发〔2015〕52号 */
export const nursingSubsidy = rule('nursing-subsidy', [holdsCertificate, severeOrExtended, needsLongTermCare]);
/** 残疾儿童康复救助 Children's rehabilitation assistance. Ref: 国发〔2018〕20号 */
export const childRehabilitation = rule('child-rehabilitation', [childAge, childDisability]);
