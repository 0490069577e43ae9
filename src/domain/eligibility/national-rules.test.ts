/** Cases a caseworker can read: name, region rules, answers, expected outcome (openfisca style). */
import { describe, expect, it } from 'vitest';
import { NATIONAL_RULES, type Answers, type Evaluation, type RegionRules, type Rule } from './criteria';
import { childRehabilitation, livingSubsidy, nursingSubsidy } from './national-rules';

const AS_OF = '2026-06-01';
/** A region that extends both subsidies (as some provinces do; Shanghai covers 三级智力/精神). */
const EXTENDING: RegionRules = {
  livingSubsidyExtendedTo: ['low-income'],
  nursingSubsidyExtendedTo: [
    { category: 'intellectual', maxLevel: 3 },
    { category: 'psychosocial', maxLevel: 3 },
  ],
  childRehabilitationMaxAge: 6,
};

interface Case {
  name: string;
  rule: Rule;
  region?: RegionRules;
  answers: Answers;
  status: Evaluation['status'];
  missing?: string[];
}

const cases: Case[] = [
  // 困难残疾人生活补贴
  { name: '持证、低保家庭：符合生活补贴', rule: livingSubsidy, answers: { hasCertificate: true, household: 'dibao' }, status: 'eligible' },
  { name: '持证、低收入家庭、全国标准：不符合', rule: livingSubsidy, answers: { hasCertificate: true, household: 'low-income' }, status: 'ineligible' },
  { name: '持证、低收入家庭、当地扩大到低收入：符合', rule: livingSubsidy, region: EXTENDING, answers: { hasCertificate: true, household: 'low-income' }, status: 'eligible' },
  { name: '没有残疾人证、低保家庭：不符合', rule: livingSubsidy, answers: { hasCertificate: false, household: 'dibao' }, status: 'ineligible' },
  { name: '低保家庭、不知道是否持证：还不能确定，要问持证', rule: livingSubsidy, answers: { household: 'dibao' }, status: 'unknown', missing: ['hasCertificate'] },
  { name: '什么都没回答：还不能确定，要问持证和家庭', rule: livingSubsidy, answers: {}, status: 'unknown', missing: ['hasCertificate', 'household'] },
  { name: '没有残疾人证：不用再问家庭就不符合', rule: livingSubsidy, answers: { hasCertificate: false }, status: 'ineligible' },
  // 重度残疾人护理补贴
  { name: '持证、二级、需要长期照护：符合护理补贴', rule: nursingSubsidy, answers: { hasCertificate: true, level: 2, category: 'physical', needsLongTermCare: true }, status: 'eligible' },
  { name: '持证、三级肢体、需要长期照护、全国标准：不符合', rule: nursingSubsidy, answers: { hasCertificate: true, level: 3, category: 'physical', needsLongTermCare: true }, status: 'ineligible' },
  { name: '持证、三级智力、需要长期照护、当地扩大：符合', rule: nursingSubsidy, region: EXTENDING, answers: { hasCertificate: true, level: 3, category: 'intellectual', needsLongTermCare: true }, status: 'eligible' },
  { name: '持证、三级肢体、当地只扩大到智力和精神：不符合', rule: nursingSubsidy, region: EXTENDING, answers: { hasCertificate: true, level: 3, category: 'physical', needsLongTermCare: true }, status: 'ineligible' },
  { name: '持证、四级精神、当地扩大到三级：不符合', rule: nursingSubsidy, region: EXTENDING, answers: { hasCertificate: true, level: 4, category: 'psychosocial', needsLongTermCare: true }, status: 'ineligible' },
  { name: '持证、三级、当地扩大、不知道类别：要问类别', rule: nursingSubsidy, region: EXTENDING, answers: { hasCertificate: true, level: 3, needsLongTermCare: true }, status: 'unknown', missing: ['category'] },
  { name: '持证、一级、不需要长期照护：不符合', rule: nursingSubsidy, answers: { hasCertificate: true, level: 1, needsLongTermCare: false }, status: 'ineligible' },
  { name: '持证、一级、不知道是否需要照护：要问照护', rule: nursingSubsidy, answers: { hasCertificate: true, level: 1 }, status: 'unknown', missing: ['needsLongTermCare'] },
  // 残疾儿童康复救助
  { name: '6岁（今天满6岁）、听力残疾：符合', rule: childRehabilitation, answers: { birthDate: '2020-06-01', category: 'hearing' }, status: 'eligible' },
  { name: '7岁（今天满7岁）、听力残疾：不符合', rule: childRehabilitation, answers: { birthDate: '2019-06-01', category: 'hearing' }, status: 'ineligible' },
  { name: '明天满7岁、肢体残疾：还是6岁，符合', rule: childRehabilitation, answers: { birthDate: '2019-06-02', category: 'physical' }, status: 'eligible' },
  { name: '7岁、当地把上限提高到14岁：符合', rule: childRehabilitation, region: { ...NATIONAL_RULES, childRehabilitationMaxAge: 14 }, answers: { birthDate: '2019-06-01', category: 'intellectual' }, status: 'eligible' },
  { name: '3岁、孤独症、没有类别：符合', rule: childRehabilitation, answers: { birthDate: '2023-01-15', isAutistic: true }, status: 'eligible' },
  { name: '3岁、精神残疾、不是孤独症：不符合', rule: childRehabilitation, answers: { birthDate: '2023-01-15', category: 'psychosocial', isAutistic: false }, status: 'ineligible' },
  { name: '3岁、多重残疾、不知道是否孤独症：要问孤独症', rule: childRehabilitation, answers: { birthDate: '2023-01-15', category: 'multiple' }, status: 'unknown', missing: ['isAutistic'] },
  { name: '不知道出生日期和类别：要问出生日期、类别和孤独症', rule: childRehabilitation, answers: {}, status: 'unknown', missing: ['birthDate', 'category', 'isAutistic'] },
];

describe('eligibility rules', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = c.rule.evaluate(c.answers, { region: c.region ?? NATIONAL_RULES, asOf: AS_OF });
    expect(result.status).toBe(c.status);
    expect(result.missing).toEqual(c.missing ?? []);
  });

  it('gives every criterion its words and source in the reasons, met or not', () => {
    const result = nursingSubsidy.evaluate({ hasCertificate: true, level: 3, category: 'physical' }, { region: NATIONAL_RULES, asOf: AS_OF });
    expect(result.reasons.map((r) => [r.criterion, r.status, r.source])).toEqual([
      ['hasCertificate', 'met', 'guofa-2015-52'],
      ['severeOrExtended', 'notMet', 'guofa-2015-52'],
      ['needsLongTermCare', 'unknown', 'guofa-2015-52'],
    ]);
    expect(result.reasons[1]!.text.zh).toContain('一级或二级');
  });
});
