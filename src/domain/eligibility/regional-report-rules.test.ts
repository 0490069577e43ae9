/**
 * Cases a caseworker can read (name, answers, expected outcome), then checks over every rule:
 * one rule per catalogue service, real sources, words in both languages, real questions.
 * None of these services can come out "eligible": our sources never state all their conditions.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DISABILITY_CATEGORIES } from '../identity';
import { HOUSEHOLDS, NATIONAL_RULES, type Answers, type Evaluation, type QuestionId, type RegionRules, type Rule } from './criteria';
import { RULES } from './index';
import { QUESTIONS } from './questions';
import {
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
  SERVICE_RULES,
  studentAid,
  temporaryAssistance,
  vocationalTraining,
} from './regional-report-rules';

const AS_OF = '2026-06-01';
/** Someone who has answered every question: an adult with a level 1 physical disability on dibao. */
const EVERYTHING: Answers = {
  hasCertificate: true,
  category: 'physical',
  level: 1,
  birthDate: '1980-03-07',
  household: 'dibao',
  needsLongTermCare: true,
  isAutistic: false,
};

interface Case {
  name: string;
  rule: Rule;
  answers: Answers;
  status: Evaluation['status'];
  missing?: QuestionId[];
}

const cases: Case[] = [
  // 就业年龄段残疾人意外伤害保险: "就业年龄段" is not defined, so age cannot decide it.
  { name: '意外伤害保险，什么都没回答：只有残联能确定', rule: accidentInsurance, answers: {}, status: 'unknown' },
  { name: '意外伤害保险，3岁：年龄段没有说明，不说不符合', rule: accidentInsurance, answers: { birthDate: '2023-01-15' }, status: 'unknown' },
  { name: '意外伤害保险，全部回答了：还是只有残联能确定', rule: accidentInsurance, answers: EVERYTHING, status: 'unknown' },
  // 残疾人辅助器具
  { name: '辅助器具，什么都没回答：只有残联能确定', rule: assistiveDevices, answers: {}, status: 'unknown' },
  { name: '辅助器具，家里都不是、没有残疾人证：“贫困”没有说明，不说不符合', rule: assistiveDevices, answers: { household: 'none', hasCertificate: false }, status: 'unknown' },
  // 大龄自闭症、智力障碍残疾人康复教育照料补贴
  { name: '照料补贴，智力残疾：只有残联能确定（大龄、机构）', rule: autismCareSubsidy, answers: { category: 'intellectual' }, status: 'unknown' },
  { name: '照料补贴，精神残疾、有孤独症：只有残联能确定', rule: autismCareSubsidy, answers: { category: 'psychosocial', isAutistic: true }, status: 'unknown' },
  { name: '照料补贴，有孤独症、没回答类别：只有残联能确定', rule: autismCareSubsidy, answers: { isAutistic: true }, status: 'unknown' },
  { name: '照料补贴，多重残疾：可能有智力残疾，不用再问孤独症', rule: autismCareSubsidy, answers: { category: 'multiple' }, status: 'unknown' },
  { name: '照料补贴，视力残疾、没有孤独症：不符合', rule: autismCareSubsidy, answers: { category: 'visual', isAutistic: false }, status: 'ineligible' },
  { name: '照料补贴，精神残疾、没有孤独症：不符合', rule: autismCareSubsidy, answers: { category: 'psychosocial', isAutistic: false }, status: 'ineligible' },
  { name: '照料补贴，肢体残疾、不知道是否孤独症：要问孤独症', rule: autismCareSubsidy, answers: { category: 'physical' }, status: 'unknown', missing: ['isAutistic'] },
  { name: '照料补贴，没有孤独症、没回答类别：要问类别', rule: autismCareSubsidy, answers: { isAutistic: false }, status: 'unknown', missing: ['category'] },
  { name: '照料补贴，什么都没回答：要问类别和孤独症', rule: autismCareSubsidy, answers: {}, status: 'unknown', missing: ['category', 'isAutistic'] },
  { name: '照料补贴，3岁、智力残疾：“大龄”没有说明，不按年龄说不符合', rule: autismCareSubsidy, answers: { birthDate: '2023-01-15', category: 'intellectual' }, status: 'unknown' },
  // 残疾人托养服务
  { name: '托养服务，什么都没回答：只有残联能确定', rule: careServices, answers: {}, status: 'unknown' },
  { name: '托养服务，不需要长期照护、家里都不是：条件没有说明，不说不符合', rule: careServices, answers: { needsLongTermCare: false, household: 'none' }, status: 'unknown' },
  // 残疾人证
  { name: '残疾人证，什么都没回答：谁可以申请没有说明', rule: disabilityCertificate, answers: {}, status: 'unknown' },
  { name: '残疾人证，已经有残疾人证：也不说不符合', rule: disabilityCertificate, answers: { hasCertificate: true }, status: 'unknown' },
  // 残疾人就业服务、创业扶持、职业培训: "困难残疾人" in Yuhua is not defined.
  { name: '就业服务，什么都没回答：只有残联能确定', rule: employmentServices, answers: {}, status: 'unknown' },
  { name: '就业服务，家里都不是：“困难”没有说明，不说不符合', rule: employmentServices, answers: { household: 'none' }, status: 'unknown' },
  { name: '创业扶持，家里都不是、没有残疾人证：只有残联能确定', rule: entrepreneurshipSupport, answers: { household: 'none', hasCertificate: false }, status: 'unknown' },
  { name: '职业培训，全部回答了：只有残联能确定', rule: vocationalTraining, answers: EVERYTHING, status: 'unknown' },
  { name: '职业培训，家里都不是：不说不符合', rule: vocationalTraining, answers: { household: 'none' }, status: 'unknown' },
  // 残疾人免费乘坐市内公交车
  { name: '免费公交，没有残疾人证：没有说要持证，只有残联能确定', rule: freeBusTravel, answers: { hasCertificate: false }, status: 'unknown' },
  { name: '免费公交，全部回答了：只有残联能确定', rule: freeBusTravel, answers: EVERYTHING, status: 'unknown' },
  // 残疾人家庭无障碍改造
  { name: '无障碍改造，家里都不是：“贫困”“困难”没有说明，不说不符合', rule: homeAccessibility, answers: { household: 'none' }, status: 'unknown' },
  { name: '无障碍改造，低保家庭：只有残联能确定', rule: homeAccessibility, answers: { household: 'dibao' }, status: 'unknown' },
  // 残疾人危房改造
  { name: '危房改造，什么都没回答：只有残联能确定', rule: housingRenovation, answers: {}, status: 'unknown' },
  { name: '危房改造，家里都不是：不说不符合', rule: housingRenovation, answers: { household: 'none' }, status: 'unknown' },
  // 法律援助
  { name: '法律援助，没有残疾人证：只有残联能确定', rule: legalAid, answers: { hasCertificate: false }, status: 'unknown' },
  // 城镇重度残疾人基本医疗保险代缴: "重度" is not defined, so level cannot decide it.
  { name: '医保代缴，一级：“重度”没有说明，只有残联能确定', rule: medicalInsuranceAid, answers: { hasCertificate: true, level: 1 }, status: 'unknown' },
  { name: '医保代缴，四级：也不说不符合', rule: medicalInsuranceAid, answers: { hasCertificate: true, level: 4 }, status: 'unknown' },
  // 肢体残疾人代步车燃油补贴
  { name: '燃油补贴，肢体残疾：只有残联能确定其他条件', rule: mobilityFuelSubsidy, answers: { category: 'physical' }, status: 'unknown' },
  { name: '燃油补贴，肢体残疾、四级、没有残疾人证：没有说要等级或持证', rule: mobilityFuelSubsidy, answers: { category: 'physical', level: 4, hasCertificate: false }, status: 'unknown' },
  { name: '燃油补贴，多重残疾：可能有肢体残疾，只有残联能确定', rule: mobilityFuelSubsidy, answers: { category: 'multiple' }, status: 'unknown' },
  { name: '燃油补贴，视力残疾：不符合', rule: mobilityFuelSubsidy, answers: { category: 'visual' }, status: 'ineligible' },
  { name: '燃油补贴，智力残疾：不符合', rule: mobilityFuelSubsidy, answers: { category: 'intellectual' }, status: 'ineligible' },
  { name: '燃油补贴，没回答类别：要问类别', rule: mobilityFuelSubsidy, answers: { hasCertificate: true }, status: 'unknown', missing: ['category'] },
  // 残疾人基本养老保险缴费资助
  { name: '养老保险资助，什么都没回答：只有残联能确定', rule: pensionContributionAid, answers: {}, status: 'unknown' },
  // 贫困精神病患者免费服药和免费住院: neither "贫困" nor a diagnosis maps onto an answer.
  { name: '免费服药，精神残疾、低保家庭：只有残联能确定', rule: psychiatricMedicationAid, answers: { category: 'psychosocial', household: 'dibao' }, status: 'unknown' },
  { name: '免费服药，肢体残疾、家里都不是：不说不符合', rule: psychiatricMedicationAid, answers: { category: 'physical', household: 'none' }, status: 'unknown' },
  // 残疾人精准康复服务
  { name: '康复服务，成年人、没有残疾人证：是否要持证没有说明，不说不符合', rule: rehabilitationServices, answers: { hasCertificate: false, birthDate: '1980-03-07' }, status: 'unknown' },
  { name: '康复服务，持证：只有残联能确定', rule: rehabilitationServices, answers: { hasCertificate: true }, status: 'unknown' },
  // 扶残助学金（高中阶段）
  { name: '助学金，什么都没回答：只有残联能确定', rule: studentAid, answers: {}, status: 'unknown' },
  { name: '助学金，1950年出生、家里都不是：不说不符合', rule: studentAid, answers: { birthDate: '1950-01-01', household: 'none' }, status: 'unknown' },
  // 残疾人家庭临时救助: registered poor and not meeting the dibao conditions.
  { name: '临时救助，建档立卡贫困户：只有残联能确定其他条件', rule: temporaryAssistance, answers: { household: 'registered-poor' }, status: 'unknown' },
  { name: '临时救助，低保家庭：符合低保条件，不符合', rule: temporaryAssistance, answers: { household: 'dibao' }, status: 'ineligible' },
  { name: '临时救助，家里都不是：不是建档立卡贫困户，不符合', rule: temporaryAssistance, answers: { household: 'none' }, status: 'ineligible' },
  { name: '临时救助，低收入家庭：也可能是建档立卡贫困户，只有残联能确定', rule: temporaryAssistance, answers: { household: 'low-income' }, status: 'unknown' },
  { name: '临时救助，特困人员：也可能是建档立卡贫困户，只有残联能确定', rule: temporaryAssistance, answers: { household: 'tekun' }, status: 'unknown' },
  { name: '临时救助，没回答家庭：要问家庭', rule: temporaryAssistance, answers: { hasCertificate: true }, status: 'unknown', missing: ['household'] },
];

const evaluate = (r: Rule, answers: Answers, region: RegionRules = NATIONAL_RULES) => r.evaluate(answers, { region, asOf: AS_OF });

describe('service eligibility rules', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = evaluate(c.rule, c.answers);
    expect(result.status).toBe(c.status);
    expect(result.missing).toEqual(c.missing ?? []);
  });

  it('has a case for every service rule', () => {
    expect(new Set(cases.map((c) => c.rule.service))).toEqual(new Set(SERVICE_RULES.map((r) => r.service)));
  });

  it('says which condition failed, with its words and source', () => {
    const result = evaluate(mobilityFuelSubsidy, { category: 'visual' });
    expect(result.reasons.map((r) => [r.criterion, r.status, r.source])).toEqual([
      ['physicalDisability', 'notMet', 'jilin-city-report'],
      ['otherConditions', 'unknown', 'jilin-city-report'],
    ]);
    expect(result.reasons[0]!.text.zh).toBe('肢体残疾人');
    expect(result.reasons[1]!.text.zh).toBe('其他条件：我们的资料没有说明');
  });
});

// ---- Checks over every rule ----

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const names = (dir: string, ext: string) =>
  readdirSync(here(dir))
    .filter((f) => f.endsWith(ext))
    .map((f) => f.slice(0, -ext.length))
    .sort();
const SERVICES = names('../../../content/services/', '.yaml');
const SOURCE_IDS = new Set([...names('../../../content/sources/', '.yaml'), ...names('../../../content/policies/zh/', '.md')]);

/** Regions that decide the national framework's choices in different ways; the service rules ignore them. */
const REGIONS: RegionRules[] = [
  NATIONAL_RULES,
  { livingSubsidyExtendedTo: 'unknown', nursingSubsidyExtendedTo: 'unknown', childRehabilitationMaxAge: 'unknown' },
  {
    livingSubsidyExtendedTo: ['low-income', 'tekun'],
    nursingSubsidyExtendedTo: [{ category: 'intellectual', maxLevel: 4 }],
    childRehabilitationMaxAge: 14,
  },
];

/** Values for each answer that the rules tell apart (levels 2 | 3, a child | an adult), and none. */
const VALUES: { [K in keyof Answers]-?: readonly Answers[K][] } = {
  hasCertificate: [true, false],
  category: DISABILITY_CATEGORIES,
  level: [2, 3],
  birthDate: ['2023-01-15', '1980-03-07'],
  household: HOUSEHOLDS,
  needsLongTermCare: [true, false],
  isAutistic: [true, false],
};
const KEYS = Object.keys(VALUES) as (keyof Answers)[];

/** Every combination of answers (each key unanswered or one of its values). */
function* allAnswers(keys = KEYS, answers: Answers = {}): Generator<Answers> {
  const [key, ...rest] = keys;
  if (key === undefined) {
    yield answers;
    return;
  }
  for (const value of [undefined, ...VALUES[key]]) yield* allAnswers(rest, value === undefined ? answers : { ...answers, [key]: value });
}
const GRID = [...allAnswers()];

describe('every rule', () => {
  it('one rule per service in content/services, 22 in all', () => {
    expect(RULES.map((r) => r.service).sort()).toEqual(SERVICES);
    expect(RULES).toHaveLength(22);
  });

  it('the service rules are the catalogue services without a rule in rules.ts, in slug order', () => {
    const services = SERVICE_RULES.map((r) => r.service);
    expect(services).toEqual([...services].sort());
    expect(services).toEqual(SERVICES.filter((s) => !['living-subsidy', 'nursing-subsidy', 'child-rehabilitation'].includes(s)));
  });

  it.each(RULES.map((r) => [r.service, r] as const))('%s: every criterion has a unique id, words in both languages and a real source', (_s, r) => {
    expect(new Set(r.criteria.map((c) => c.id)).size).toBe(r.criteria.length);
    for (const c of r.criteria) {
      expect(c.text.zh.trim(), c.id).not.toBe('');
      expect(c.text.en.trim(), c.id).not.toBe('');
      expect(SOURCE_IDS.has(c.source), `${c.id}: ${c.source}`).toBe(true);
    }
  });

  it('asks only questions that exist', () => {
    const ids = new Set<QuestionId>(QUESTIONS.map((q) => q.id));
    const reported = new Set<QuestionId>();
    for (const region of REGIONS) for (const r of RULES) for (const a of GRID) for (const q of evaluate(r, a, region).missing) reported.add(q);
    for (const q of reported) expect(ids.has(q), q).toBe(true);
  });
});

describe('every service rule', () => {
  const results = SERVICE_RULES.map((r) => [r, GRID.map((a) => evaluate(r, a))] as const);

  it.each(results.map(([r, rs]) => [r.service, r, rs] as const))('%s: never eligible, ends with a condition only the office can decide, same in every region', (_s, r, rs) => {
    expect(rs.some((x) => x.status === 'eligible')).toBe(false);
    for (const x of rs) expect(x.reasons.at(-1)).toMatchObject({ status: 'unknown', missing: [] });
    for (const region of REGIONS.slice(1)) expect(GRID.map((a) => evaluate(r, a, region))).toEqual(rs);
  });

  it.each(results.map(([r, rs]) => [r.service, r, rs] as const))('%s: asks a question only if its answer can decide that the service is ruled out', (_s, r, rs) => {
    const status = (a: Answers) => evaluate(r, a).status;
    rs.forEach((x, i) => {
      const missing = x.missing.filter((q): q is keyof Answers => q !== 'certificateNumber');
      // Some way of answering what is missing rules the service out, and another answer to q would not.
      const completions = [...allAnswers(missing, GRID[i])];
      for (const q of missing) {
        const decides = completions.some((a) => a[q] !== undefined && status(a) === 'ineligible' && VALUES[q].some((v) => status({ ...a, [q]: v }) !== 'ineligible'));
        expect(decides, `${q} for ${JSON.stringify(GRID[i])}`).toBe(true);
      }
    });
  });
});
