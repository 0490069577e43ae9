/**
 * Cases a caseworker can read (openfisca style): the region's choices, the answers, the outcome,
 * and the clause that decides it (`source#clause`, quoted in content/sources). A region is a
 * node under the nation that states the choices named (test-regions.ts); "全国" states none.
 */
import { describe, expect, it } from 'vitest';
import type { Answers, Evaluation, QuestionId, Rule } from './criteria';
import { childRehabilitation, livingSubsidy, nursingSubsidy } from './national-rules';
import { regionView } from './regions';
import { chainWith, type Choices } from './test-regions';

const AS_OF = '2026-06-01';

interface Case {
  name: string;
  rule: Rule;
  /** Choices the person's region states; none: only the national figures. */
  region?: Choices;
  answers: Answers;
  status: Evaluation['status'];
  missing?: QuestionId[];
  /** The clause the deciding reason cites: a `notMet` one for ineligible, an `unknown` one for unknown, any for eligible. */
  clause?: string;
}

const cases: Case[] = [
  // 困难残疾人生活补贴 (国发〔2015〕52号; 湘政发〔2015〕54号 and 吉林省's text quote the same recipients)
  { name: '持证、低保家庭：符合生活补贴', rule: livingSubsidy, answers: { hasCertificate: true, household: 'dibao' }, status: 'eligible' },
  { name: '持证、低收入家庭、当地没说是否扩大：要问当地', rule: livingSubsidy, answers: { hasCertificate: true, household: 'low-income' }, status: 'unknown' },
  { name: '持证、家里都不是、当地没说是否扩大：要问当地（“其他困难残疾人”也可能包括）', rule: livingSubsidy, answers: { hasCertificate: true, household: 'none' }, status: 'unknown' },
  { name: '持证、低收入家庭、当地只给低保：不符合', rule: livingSubsidy, region: { 'livingSubsidy.extendedTo': [] }, answers: { hasCertificate: true, household: 'low-income' }, status: 'ineligible', clause: 'test-source#livingSubsidy.extendedTo' },
  { name: '持证、低收入家庭、当地扩大到低收入：符合', rule: livingSubsidy, region: { 'livingSubsidy.extendedTo': ['low-income'] }, answers: { hasCertificate: true, household: 'low-income' }, status: 'eligible' },
  { name: '持证、家里都不是、当地扩大到低收入：不符合', rule: livingSubsidy, region: { 'livingSubsidy.extendedTo': ['low-income'] }, answers: { hasCertificate: true, household: 'none' }, status: 'ineligible' },
  { name: '持证、二级、家里都不是、当地给所有一二级（长沙市）：符合', rule: livingSubsidy, region: { 'livingSubsidy.allHouseholdsUpToLevel': 2, 'livingSubsidy.extendedTo': [] }, answers: { hasCertificate: true, household: 'none', level: 2 }, status: 'eligible', clause: 'test-source#livingSubsidy.allHouseholdsUpToLevel' },
  { name: '持证、三级、家里都不是、当地给所有一二级：不符合', rule: livingSubsidy, region: { 'livingSubsidy.allHouseholdsUpToLevel': 2, 'livingSubsidy.extendedTo': [] }, answers: { hasCertificate: true, household: 'none', level: 3 }, status: 'ineligible' },
  { name: '持证、家里都不是、当地给所有一二级、不知道等级：要问等级', rule: livingSubsidy, region: { 'livingSubsidy.allHouseholdsUpToLevel': 2, 'livingSubsidy.extendedTo': [] }, answers: { hasCertificate: true, household: 'none' }, status: 'unknown', missing: ['level'] },
  { name: '没有残疾人证、低保家庭：不符合', rule: livingSubsidy, answers: { hasCertificate: false, household: 'dibao' }, status: 'ineligible', clause: 'disability-certificate-measures#art2-proof-of-disability' },
  { name: '低保家庭、不知道是否持证：还不能确定，要问持证', rule: livingSubsidy, answers: { household: 'dibao' }, status: 'unknown', missing: ['hasCertificate'] },
  { name: '什么都没回答：还不能确定，要问持证和家庭', rule: livingSubsidy, answers: {}, status: 'unknown', missing: ['hasCertificate', 'household'] },
  { name: '没有残疾人证：不用再问家庭就不符合', rule: livingSubsidy, answers: { hasCertificate: false }, status: 'ineligible' },
  // 重度残疾人护理补贴
  { name: '持证、二级、需要长期照护：符合护理补贴', rule: nursingSubsidy, answers: { hasCertificate: true, level: 2, category: 'physical', needsLongTermCare: true }, status: 'eligible' },
  { name: '持证、三级肢体、需要长期照护、当地没说是否扩大：要问当地，不说不符合', rule: nursingSubsidy, answers: { hasCertificate: true, level: 3, category: 'physical', needsLongTermCare: true }, status: 'unknown' },
  { name: '持证、四级视力、当地没说是否扩大：要问当地（“或其他残疾人”）', rule: nursingSubsidy, answers: { hasCertificate: true, level: 4, category: 'visual', needsLongTermCare: true }, status: 'unknown' },
  { name: '持证、三级肢体、当地只给一二级：不符合', rule: nursingSubsidy, region: { 'nursingSubsidy.extendedTo': [] }, answers: { hasCertificate: true, level: 3, category: 'physical', needsLongTermCare: true }, status: 'ineligible', clause: 'test-source#nursingSubsidy.extendedTo' },
  { name: '持证、三级智力、需要长期照护、当地扩大到三级智力：符合', rule: nursingSubsidy, region: { 'nursingSubsidy.extendedTo': [{ category: 'intellectual', maxLevel: 3 }] }, answers: { hasCertificate: true, level: 3, category: 'intellectual', needsLongTermCare: true }, status: 'eligible', clause: 'test-source#nursingSubsidy.extendedTo' },
  { name: '持证、三级肢体、当地只扩大到智力：不符合', rule: nursingSubsidy, region: { 'nursingSubsidy.extendedTo': [{ category: 'intellectual', maxLevel: 3 }] }, answers: { hasCertificate: true, level: 3, category: 'physical', needsLongTermCare: true }, status: 'ineligible' },
  { name: '持证、四级肢体、当地扩大到所有类别的四级：符合', rule: nursingSubsidy, region: { 'nursingSubsidy.extendedTo': [{ category: 'any', maxLevel: 4 }] }, answers: { hasCertificate: true, level: 4, category: 'physical', needsLongTermCare: true }, status: 'eligible' },
  { name: '持证、四级精神、当地扩大到三级：不符合', rule: nursingSubsidy, region: { 'nursingSubsidy.extendedTo': [{ category: 'psychosocial', maxLevel: 3 }] }, answers: { hasCertificate: true, level: 4, category: 'psychosocial', needsLongTermCare: true }, status: 'ineligible' },
  { name: '持证、三级、当地扩大到三级智力、不知道类别：要问类别', rule: nursingSubsidy, region: { 'nursingSubsidy.extendedTo': [{ category: 'intellectual', maxLevel: 3 }] }, answers: { hasCertificate: true, level: 3, needsLongTermCare: true }, status: 'unknown', missing: ['category'] },
  { name: '持证、一级、不需要长期照护：不符合', rule: nursingSubsidy, answers: { hasCertificate: true, level: 1, needsLongTermCare: false }, status: 'ineligible', clause: 'guofa-2015-52#nursing-subsidy-recipients' },
  { name: '持证、一级、不知道是否需要照护：要问照护', rule: nursingSubsidy, answers: { hasCertificate: true, level: 1 }, status: 'unknown', missing: ['needsLongTermCare'] },
  { name: '持证、一级、当地不要求长期照护（湖南省）：符合，不用问照护', rule: nursingSubsidy, region: { 'nursingSubsidy.needsLongTermCare': false }, answers: { hasCertificate: true, level: 1 }, status: 'eligible', clause: 'test-source#nursingSubsidy.needsLongTermCare' },
  { name: '持证、一级、不需要长期照护、当地不要求长期照护：符合', rule: nursingSubsidy, region: { 'nursingSubsidy.needsLongTermCare': false }, answers: { hasCertificate: true, level: 1, needsLongTermCare: false }, status: 'eligible' },
  // 残疾儿童康复救助 (国发〔2018〕20号). 周岁 is reached the day after the birthday (age-counting 第二条).
  { name: '6岁、听力残疾、低保家庭：符合', rule: childRehabilitation, answers: { birthDate: '2020-01-01', category: 'hearing', household: 'dibao' }, status: 'eligible' },
  { name: '今天7岁生日、听力残疾、低保：还算6岁，符合', rule: childRehabilitation, answers: { birthDate: '2019-06-01', category: 'hearing', household: 'dibao' }, status: 'eligible' },
  { name: '昨天7岁生日、听力残疾、低保：7岁，不符合', rule: childRehabilitation, answers: { birthDate: '2019-05-31', category: 'hearing', household: 'dibao' }, status: 'unknown', clause: 'guofa-2018-20#child-rehabilitation-recipients' },
  { name: '7岁、当地把上限定为6岁：不符合', rule: childRehabilitation, region: { 'childRehabilitation.maxAge': 6 }, answers: { birthDate: '2019-05-31', category: 'hearing', household: 'dibao' }, status: 'ineligible', clause: 'test-source#childRehabilitation.maxAge' },
  { name: '7岁、当地把上限提高到14岁：符合', rule: childRehabilitation, region: { 'childRehabilitation.maxAge': 14 }, answers: { birthDate: '2019-05-31', category: 'intellectual', household: 'registered-poor' }, status: 'eligible' },
  { name: '10岁、当地上限6岁但部分项目到16岁（吉林省）：要问当地', rule: childRehabilitation, region: { 'childRehabilitation.maxAge': 6, 'childRehabilitation.maxAgeForSomeItems': 16 }, answers: { birthDate: '2016-01-01', category: 'physical', household: 'dibao' }, status: 'unknown', clause: 'test-source#childRehabilitation.maxAgeForSomeItems' },
  { name: '17岁、部分项目到16岁：不符合', rule: childRehabilitation, region: { 'childRehabilitation.maxAge': 6, 'childRehabilitation.maxAgeForSomeItems': 16 }, answers: { birthDate: '2009-01-01', category: 'physical', household: 'dibao' }, status: 'ineligible' },
  { name: '3岁、孤独症、没有类别、特困：符合', rule: childRehabilitation, answers: { birthDate: '2023-01-15', isAutistic: true, household: 'tekun' }, status: 'eligible' },
  { name: '3岁、多重残疾、不是孤独症、低保：符合（多重残疾包括文件列出的类别）', rule: childRehabilitation, answers: { birthDate: '2023-01-15', category: 'multiple', isAutistic: false, household: 'dibao' }, status: 'eligible', clause: 'guofa-2018-20#child-rehabilitation-recipients' },
  { name: '3岁、多重残疾、不知道是否孤独症、低保：符合，不用问孤独症', rule: childRehabilitation, answers: { birthDate: '2023-01-15', category: 'multiple', household: 'dibao' }, status: 'eligible' },
  { name: '3岁、精神残疾、不是孤独症：“等”没有写明，要问当地', rule: childRehabilitation, answers: { birthDate: '2023-01-15', category: 'psychosocial', isAutistic: false, household: 'dibao' }, status: 'unknown' },
  { name: '3岁、精神残疾、不知道是否孤独症：要问孤独症', rule: childRehabilitation, answers: { birthDate: '2023-01-15', category: 'psychosocial', household: 'dibao' }, status: 'unknown', missing: ['isAutistic'] },
  { name: '3岁、听力残疾、家里都不是、当地没说：“其他经济困难家庭”要问当地', rule: childRehabilitation, answers: { birthDate: '2023-01-15', category: 'hearing', household: 'none' }, status: 'unknown', clause: 'guofa-2018-20#child-rehabilitation-family-types' },
  { name: '3岁、听力残疾、没回答家庭：要问家庭', rule: childRehabilitation, answers: { birthDate: '2023-01-15', category: 'hearing' }, status: 'unknown', missing: ['household'] },
  { name: '3岁、听力残疾、家里都不是、当地取消家庭经济条件（吉林省）：符合，不用问家庭', rule: childRehabilitation, region: { 'childRehabilitation.allFamilies': true }, answers: { birthDate: '2023-01-15', category: 'hearing' }, status: 'eligible', clause: 'test-source#childRehabilitation.allFamilies' },
  { name: '不知道出生日期和类别：要问出生日期、类别、孤独症和家庭', rule: childRehabilitation, answers: {}, status: 'unknown', missing: ['birthDate', 'category', 'isAutistic', 'household'] },
];

const evaluate = (c: Pick<Case, 'rule' | 'region' | 'answers'>) => c.rule.evaluate(c.answers, { region: regionView(chainWith(c.region), AS_OF), asOf: AS_OF });
const cite = (r: { source: string; clause?: string }) => (r.clause ? `${r.source}#${r.clause}` : r.source);

describe('national rules, case by case', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = evaluate(c);
    expect(result.status).toBe(c.status);
    expect(result.missing).toEqual(c.missing ?? []);
    if (c.clause) {
      const deciding = result.reasons.filter((r) => (c.status === 'ineligible' ? r.status === 'notMet' : c.status === 'unknown' ? r.status === 'unknown' : true));
      expect(deciding.map(cite)).toContain(c.clause);
    }
  });

  it('gives every criterion its words and source in the reasons, met or not', () => {
    const result = evaluate({ rule: nursingSubsidy, region: { 'nursingSubsidy.extendedTo': [] }, answers: { hasCertificate: true, level: 3, category: 'physical' } });
    expect(result.reasons.map((r) => [r.criterion, r.status, cite(r)])).toEqual([
      ['hasCertificate', 'met', 'disability-certificate-measures#art2-proof-of-disability'],
      ['severeOrExtended', 'notMet', 'test-source#nursingSubsidy.extendedTo'],
      ['needsLongTermCare', 'unknown', 'guofa-2015-52#nursing-subsidy-recipients'],
    ]);
    expect(result.reasons[1]!.text.zh).toContain('一级或二级');
  });

  it('names the person’s region where its choice is not known', () => {
    const result = evaluate({ rule: nursingSubsidy, answers: { hasCertificate: true, level: 3, category: 'physical', needsLongTermCare: true } });
    const reason = result.reasons.find((r) => r.criterion === 'severeOrExtended')!;
    expect(reason).toMatchObject({ status: 'unknown', missing: [] });
    expect(reason.text.zh).toBe('三级、四级能不能领：测试地区test的规定我们的资料没有说明');
    expect(reason.text.en).toBe('Whether levels 3 and 4 are covered: our sources do not say what Test region test decided');
  });
});
