/**
 * Cases a caseworker can read, in the real regions (content/regions as a tree): the region, the
 * answers, the outcome and the clause that decides it. Then checks over every rule: one rule per
 * catalogue service, every criterion's source and clause real, region-true words, questions that
 * decide, and a county added under 湖南省 that inherits Hunan's choices with no code.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { DISABILITY_CATEGORIES } from '../identity';
import { HOUSEHOLDS, SCHOOL_STAGES, type Answers, type Evaluation, type QuestionId, type Rule } from './criteria';
import { RULES, checkIn } from './index';
import { QUESTIONS } from './questions';
import { chainOf, regionView, type RegionNode } from './regions';
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
import { livingSubsidy, nursingSubsidy } from './national-rules';
import { contentRegions, contentTree } from '../../../tests/region-tree';

const AS_OF = '2026-06-01';
const TREE = contentTree();
type Region = 'jilin-city' | 'changsha-yuhua';

/** Someone who has answered every question: an adult with a level 1 physical disability on dibao. */
const EVERYTHING: Answers = {
  hasCertificate: true,
  category: 'physical',
  level: 1,
  birthDate: '1980-03-07',
  household: 'dibao',
  needsLongTermCare: true,
  isAutistic: false,
  schoolStage: 'none',
  hasMotorizedWheelchair: false,
  hasSuddenHardship: false,
};

interface Case {
  name: string;
  rule: Rule;
  region: Region;
  answers: Answers;
  status: Evaluation['status'];
  missing?: QuestionId[];
  /** The clause the deciding reason cites (`source#clause`, or a source id). */
  clause?: string;
}

const J: Region = 'jilin-city';
const Y: Region = 'changsha-yuhua';

const cases: Case[] = [
  // 就业年龄段残疾人意外伤害保险: from 16 (劳动法 第十五条); the upper end is not stated.
  { name: '意外伤害保险，什么都没回答：要问出生日期和是否持证', rule: accidentInsurance, region: J, answers: {}, status: 'unknown', missing: ['birthDate', 'hasCertificate'] },
  { name: '意外伤害保险，3岁：不到就业年龄，不符合', rule: accidentInsurance, region: J, answers: { birthDate: '2023-01-15' }, status: 'ineligible', clause: 'labour-law#art15-minimum-age' },
  { name: '意外伤害保险，46岁：在就业年龄段（不到最早的退休年龄50岁），符合', rule: accidentInsurance, region: J, answers: EVERYTHING, status: 'eligible', clause: 'retirement-age-decision#art1-retirement-ages' },
  { name: '意外伤害保险，55岁、持证：是否到退休年龄要看性别和出生年月，要问', rule: accidentInsurance, region: J, answers: { birthDate: '1971-01-01', hasCertificate: true }, status: 'unknown', clause: 'retirement-age-decision#art1-retirement-ages' },
  { name: '意外伤害保险，70岁：已过最晚的退休年龄63岁，不符合', rule: accidentInsurance, region: J, answers: { birthDate: '1956-01-01' }, status: 'ineligible', clause: 'retirement-age-decision#art1-retirement-ages' },
  // 残疾人辅助器具
  { name: '辅助器具（吉林市），什么都没回答：吉林市的资料没有说明条件', rule: assistiveDevices, region: J, answers: {}, status: 'unknown', clause: 'jilin-city-report' },
  { name: '辅助器具（雨花区），家里都不是：“贫困”没有说明，不说不符合', rule: assistiveDevices, region: Y, answers: { household: 'none', hasCertificate: false }, status: 'unknown', clause: 'changsha-yuhua-2018-report' },
  // 大龄自闭症、智力障碍残疾人康复教育照料补贴
  { name: '照料补贴，成年人、智力残疾：只有残联能确定（大龄、机构）', rule: autismCareSubsidy, region: J, answers: { category: 'intellectual', birthDate: '1990-01-01' }, status: 'unknown' },
  { name: '照料补贴，3岁、智力残疾：6岁以下不算大龄，不符合', rule: autismCareSubsidy, region: J, answers: { birthDate: '2023-01-15', category: 'intellectual' }, status: 'ineligible', clause: 'jilin-autism-care-subsidy' },
  { name: '照料补贴，多重残疾：可能有智力残疾，不用再问孤独症', rule: autismCareSubsidy, region: J, answers: { category: 'multiple', birthDate: '1990-01-01' }, status: 'unknown' },
  { name: '照料补贴，视力残疾、没有孤独症：不符合', rule: autismCareSubsidy, region: J, answers: { category: 'visual', isAutistic: false }, status: 'ineligible' },
  { name: '照料补贴，肢体残疾、不知道是否孤独症：要问孤独症', rule: autismCareSubsidy, region: J, answers: { category: 'physical', birthDate: '1990-01-01' }, status: 'unknown', missing: ['isAutistic'] },
  { name: '照料补贴，什么都没回答：要问类别、孤独症和出生日期', rule: autismCareSubsidy, region: J, answers: {}, status: 'unknown', missing: ['category', 'isAutistic', 'birthDate'] },
  // 残疾人托养服务
  { name: '托养服务（雨花区），不需要长期照护、家里都不是：条件没有说明，不说不符合', rule: careServices, region: Y, answers: { needsLongTermCare: false, household: 'none' }, status: 'unknown' },
  // 残疾人证
  { name: '残疾人证，已经有残疾人证：不再列为要申请的', rule: disabilityCertificate, region: J, answers: { hasCertificate: true }, status: 'ineligible' },
  { name: '残疾人证，没有残疾人证：要评定才知道', rule: disabilityCertificate, region: Y, answers: { hasCertificate: false }, status: 'unknown' },
  { name: '残疾人证，什么都没回答：要问是否有证', rule: disabilityCertificate, region: Y, answers: {}, status: 'unknown', missing: ['hasCertificate'] },
  // 残疾人就业服务、创业扶持、职业培训
  { name: '就业服务（雨花区），成年人、持证、家里都不是：法律规定免费提供，符合', rule: employmentServices, region: Y, answers: { household: 'none', birthDate: '1980-03-07', hasCertificate: true }, status: 'eligible', clause: 'disabled-persons-protection-law#art37-free-employment-services' },
  { name: '就业服务，成年人、没有残疾人证：怎样证明残疾要问残联', rule: employmentServices, region: J, answers: { birthDate: '1980-03-07', hasCertificate: false }, status: 'unknown' },
  { name: '就业服务，12岁：不到就业年龄，不符合', rule: employmentServices, region: J, answers: { birthDate: '2014-01-01' }, status: 'ineligible', clause: 'labour-law#art15-minimum-age' },
  { name: '创业扶持（雨花区），成年人、没有残疾人证：只有残联能确定', rule: entrepreneurshipSupport, region: Y, answers: { household: 'none', hasCertificate: false, birthDate: '1980-03-07' }, status: 'unknown' },
  { name: '职业培训（吉林市），持证：残联免费开展职业培训，符合', rule: vocationalTraining, region: J, answers: EVERYTHING, status: 'eligible', clause: 'disabled-persons-protection-law#art37-dpf-employment-services' },
  // 残疾人免费乘坐市内公交车: blind people by law (残疾人保障法 第五十条); others as Jilin's policy says.
  { name: '免费公交，持证的一级视力残疾（盲人）：符合，法律规定', rule: freeBusTravel, region: J, answers: { hasCertificate: true, category: 'visual', level: 1 }, status: 'eligible', clause: 'disabled-persons-protection-law#art50-free-transport-blind' },
  { name: '免费公交（吉林市），持证的肢体残疾：每名残疾人都有，符合', rule: freeBusTravel, region: J, answers: { hasCertificate: true, category: 'physical', level: 2 }, status: 'eligible', clause: 'jilin-city-report' },
  { name: '免费公交（吉林市），不知道是否持证：要问', rule: freeBusTravel, region: J, answers: {}, status: 'unknown', missing: ['hasCertificate'] },
  { name: '免费公交，没有残疾人证：只有残联能确定', rule: freeBusTravel, region: J, answers: { hasCertificate: false }, status: 'unknown' },
  // 残疾人家庭无障碍改造
  { name: '无障碍改造（吉林市），家里都不是：“贫困”没有说明，不说不符合', rule: homeAccessibility, region: J, answers: { household: 'none' }, status: 'unknown', clause: 'jilin-city-report' },
  { name: '无障碍改造（雨花区），低保家庭：只有残联能确定', rule: homeAccessibility, region: Y, answers: { household: 'dibao' }, status: 'unknown', clause: 'changsha-yuhua-2018-report' },
  // 残疾人危房改造
  { name: '危房改造（雨花区），家里都不是：不说不符合', rule: housingRenovation, region: Y, answers: { household: 'none' }, status: 'unknown' },
  // 法律援助
  { name: '法律援助，没有残疾人证：只有残联能确定', rule: legalAid, region: J, answers: { hasCertificate: false }, status: 'unknown' },
  // 城镇重度残疾人基本医疗保险代缴: "城镇" and "重度" are not defined.
  { name: '医保代缴，四级：不是重度（一级、二级），不符合', rule: medicalInsuranceAid, region: J, answers: { hasCertificate: true, level: 4 }, status: 'ineligible', clause: 'jilin-two-subsidies#nursing-subsidy-recipients' },
  { name: '医保代缴，一级：“城镇”没有说明，只有残联能确定', rule: medicalInsuranceAid, region: J, answers: { hasCertificate: true, level: 1 }, status: 'unknown', clause: 'jilin-city-report' },
  { name: '医保代缴，没有残疾人证：先申请残疾人证，不符合', rule: medicalInsuranceAid, region: J, answers: { hasCertificate: false }, status: 'ineligible' },
  // 残疾人机动轮椅车燃油补贴 (财社〔2010〕256号): a certificate, a lower-limb disability, an owner.
  { name: '燃油补贴，没有残疾人证：不符合', rule: mobilityFuelSubsidy, region: J, answers: { hasCertificate: false }, status: 'ineligible', clause: 'caishe-2010-256#owner-conditions' },
  { name: '燃油补贴，持证肢体残疾、是车主：下肢由残联核实', rule: mobilityFuelSubsidy, region: J, answers: { hasCertificate: true, category: 'physical', hasMotorizedWheelchair: true }, status: 'unknown', clause: 'caishe-2010-256#owner-conditions' },
  { name: '燃油补贴，持证肢体残疾、不是车主：不符合', rule: mobilityFuelSubsidy, region: J, answers: { hasCertificate: true, category: 'physical', hasMotorizedWheelchair: false }, status: 'ineligible', clause: 'caishe-2010-256#subsidy-recipients' },
  { name: '燃油补贴，持证视力残疾：不符合', rule: mobilityFuelSubsidy, region: J, answers: { hasCertificate: true, category: 'visual' }, status: 'ineligible' },
  { name: '燃油补贴，持证肢体残疾、没回答车主：要问车主', rule: mobilityFuelSubsidy, region: J, answers: { hasCertificate: true, category: 'physical' }, status: 'unknown', missing: ['hasMotorizedWheelchair'] },
  // 残疾人基本养老保险缴费资助: residents' pension insurance is for 16 and over, not students (国发〔2014〕8号).
  { name: '养老保险资助，10岁：不到参保年龄，不符合', rule: pensionContributionAid, region: J, answers: { birthDate: '2016-01-01' }, status: 'ineligible', clause: 'guofa-2014-8#who-can-join' },
  { name: '养老保险资助，成年人、在读大学：在校学生不参保，不符合', rule: pensionContributionAid, region: J, answers: { birthDate: '2005-01-01', schoolStage: 'higher' }, status: 'ineligible', clause: 'guofa-2014-8#who-can-join' },
  { name: '养老保险资助，成年人、不上学、一级：政府代缴，符合（职工养老保险要确认）', rule: pensionContributionAid, region: J, answers: { birthDate: '1980-01-01', schoolStage: 'none', hasCertificate: true, level: 1 }, status: 'eligible', clause: 'guofa-2014-8#contribution-paid-for-severe-disability' },
  { name: '养老保险资助，65岁、一级：60岁起领养老金、不再缴费，不符合', rule: pensionContributionAid, region: J, answers: { birthDate: '1961-01-01', schoolStage: 'none', hasCertificate: true, level: 1 }, status: 'ineligible', clause: 'guofa-2014-8#when-pension-is-paid' },
  { name: '养老保险资助，没有残疾人证：“等缴费困难群体”要问当地', rule: pensionContributionAid, region: J, answers: { birthDate: '1980-01-01', schoolStage: 'none', hasCertificate: false }, status: 'unknown' },
  { name: '养老保险资助，成年人、不上学、三级：“等缴费困难群体”要问当地', rule: pensionContributionAid, region: J, answers: { birthDate: '1980-01-01', schoolStage: 'none', hasCertificate: true, level: 3 }, status: 'unknown' },
  // 贫困精神病患者免费服药和免费住院
  { name: '免费服药，精神残疾、低保家庭：只有残联能确定', rule: psychiatricMedicationAid, region: J, answers: { category: 'psychosocial', household: 'dibao' }, status: 'unknown' },
  // 残疾人精准康复服务
  { name: '康复服务（雨花区），成年人、没有残疾人证：是否要持证没有说明，不说不符合', rule: rehabilitationServices, region: Y, answers: { hasCertificate: false, birthDate: '1980-03-07' }, status: 'unknown', clause: 'yuhua-rehabilitation-plan' },
  // 扶残助学金（高中阶段）
  { name: '助学金，持证、在读高中阶段：符合', rule: studentAid, region: J, answers: { schoolStage: 'senior-secondary', hasCertificate: true }, status: 'eligible' },
  { name: '助学金，不上学：不是高中阶段，不符合', rule: studentAid, region: J, answers: { schoolStage: 'none' }, status: 'ineligible' },
  { name: '助学金，什么都没回答：要问学段和是否持证', rule: studentAid, region: J, answers: {}, status: 'unknown', missing: ['schoolStage', 'hasCertificate'] },
  // 临时救助 (社会救助暂行办法 第四十七条; 雨花区 also helps registered poor households outside dibao).
  { name: '临时救助，家里突发困难：符合', rule: temporaryAssistance, region: Y, answers: { hasSuddenHardship: true }, status: 'eligible', clause: 'social-assistance-measures#temporary-assistance-recipients' },
  { name: '临时救助，低保家庭、必需开支突然增加：符合', rule: temporaryAssistance, region: Y, answers: { household: 'dibao', hasSuddenHardship: true }, status: 'eligible' },
  { name: '临时救助（雨花区），建档立卡贫困户、没有突发困难：2018年的做法现在是否还有，要问', rule: temporaryAssistance, region: Y, answers: { household: 'registered-poor', hasSuddenHardship: false }, status: 'unknown', clause: 'changsha-yuhua-2018-report' },
  { name: '临时救助（雨花区），家里都不是、没有突发困难：不符合', rule: temporaryAssistance, region: Y, answers: { household: 'none', hasSuddenHardship: false }, status: 'ineligible' },
  { name: '临时救助（雨花区），没有突发困难、没回答家庭：要问家庭', rule: temporaryAssistance, region: Y, answers: { hasSuddenHardship: false }, status: 'unknown', missing: ['household'] },
  { name: '临时救助，什么都没回答：要问突发困难', rule: temporaryAssistance, region: Y, answers: {}, status: 'unknown', missing: ['hasSuddenHardship'] },
];

const view = (region: string) => regionView(chainOf(TREE, region), AS_OF);
const evaluate = (r: Rule, answers: Answers, region: string) => r.evaluate(answers, { region: view(region), asOf: AS_OF });
const cite = (r: { source: string; clause?: string }) => (r.clause ? `${r.source}#${r.clause}` : r.source);

describe('service rules, case by case', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = evaluate(c.rule, c.answers, c.region);
    expect(result.status).toBe(c.status);
    expect(result.missing).toEqual(c.missing ?? []);
    if (c.clause) {
      const deciding = result.reasons.filter((r) => (c.status === 'ineligible' ? r.status === 'notMet' : c.status === 'unknown' ? r.status === 'unknown' : true));
      expect(deciding.map(cite)).toContain(c.clause);
    }
  });

  it('has a case for every service rule', () => {
    expect(new Set(cases.map((c) => c.rule.service))).toEqual(new Set(SERVICE_RULES.map((r) => r.service)));
  });
});

describe('the two subsidies in the real regions', () => {
  it.each([
    ['雨花区（长沙市）：二级、家里都不是：长沙市给所有一二级，符合生活补贴', livingSubsidy, Y, { hasCertificate: true, level: 2, household: 'none' }, 'eligible', 'changsha-two-subsidies#living-subsidy-levels-1-2'],
    ['雨花区：三级、低收入：长沙市只给低保的三四级，不符合', livingSubsidy, Y, { hasCertificate: true, level: 3, household: 'low-income' }, 'ineligible', 'changsha-two-subsidies#living-subsidy-dibao-levels-3-4'],
    ['吉林市：低收入：吉林省只给低保家庭，不符合', livingSubsidy, J, { hasCertificate: true, level: 1, household: 'low-income' }, 'ineligible', 'jilin-two-subsidies#living-subsidy-recipients'],
    ['雨花区：一级、没回答照护：湖南省不要求长期照护，符合护理补贴', nursingSubsidy, Y, { hasCertificate: true, level: 1 }, 'eligible', 'hunan-two-subsidies#nursing-subsidy-recipients'],
    ['雨花区：三级智力：长沙市只给一二级，不符合', nursingSubsidy, Y, { hasCertificate: true, level: 3, category: 'intellectual', needsLongTermCare: true }, 'ineligible', 'changsha-two-subsidies#nursing-subsidy-recipients'],
    ['吉林市：一级、不需要长期照护：不符合', nursingSubsidy, J, { hasCertificate: true, level: 1, needsLongTermCare: false }, 'ineligible', 'guofa-2015-52#nursing-subsidy-recipients'],
    ['吉林市：三级肢体：吉林省只给一二级，不符合', nursingSubsidy, J, { hasCertificate: true, level: 3, category: 'physical', needsLongTermCare: true }, 'ineligible', 'jilin-two-subsidies#nursing-subsidy-recipients'],
    ['吉林市：一级、需要照护、特困供养：吉林省规定特困人员不享受，不符合', nursingSubsidy, J, { hasCertificate: true, level: 1, needsLongTermCare: true, household: 'tekun' }, 'ineligible', 'jilin-two-subsidies#exclusions'],
    ['雨花区：一级、特困供养：湖南省的资料没有这条排除，符合', nursingSubsidy, Y, { hasCertificate: true, level: 1, household: 'tekun' }, 'eligible', 'hunan-two-subsidies#nursing-subsidy-recipients'],
    ['吉林市：一级、需要照护、领工伤保险生活护理费：吉林省规定不享受两项补贴，不符合', nursingSubsidy, J, { hasCertificate: true, level: 1, needsLongTermCare: true, household: 'dibao', alreadyReceives: ['work-injury-nursing-allowance'] }, 'ineligible', 'jilin-two-subsidies#exclusions'],
    ['吉林市：低保、领工伤保险生活护理费：生活补贴也不享受，不符合', livingSubsidy, J, { hasCertificate: true, level: 3, household: 'dibao', alreadyReceives: ['work-injury-nursing-allowance'] }, 'ineligible', 'jilin-two-subsidies#exclusions'],
    ['雨花区：一级、领工伤保险生活护理费：湖南省的资料没有这条排除，符合', nursingSubsidy, Y, { hasCertificate: true, level: 1, household: 'none', alreadyReceives: ['work-injury-nursing-allowance'] }, 'eligible', 'hunan-two-subsidies#nursing-subsidy-recipients'],
  ] as const)('%s', (_name, rule, region, answers, status, clause) => {
    const result = evaluate(rule, answers as Answers, region);
    expect(result.status).toBe(status);
    expect(result.reasons.map(cite)).toContain(clause);
  });
});

describe('an exclusion few people meet is a condition to confirm, never a bar to "likely"', () => {
  it('吉林市, level 1 with long-term care, not tekun: likely eligible, with the work-injury allowance to confirm', () => {
    const result = evaluate(nursingSubsidy, { hasCertificate: true, level: 1, needsLongTermCare: true, household: 'dibao' }, J);
    expect(result.status).toBe('eligible');
    const confirm = result.reasons.filter((r) => r.toConfirm);
    expect(confirm.map(cite)).toEqual(['jilin-two-subsidies#exclusions']);
    expect(confirm[0]!.text.zh).toContain('工伤保险生活护理费');
  });
  it('吉林市, the same person who said what is already paid (none of it): likely eligible, nothing left to confirm', () => {
    const result = evaluate(nursingSubsidy, { hasCertificate: true, level: 1, needsLongTermCare: true, household: 'dibao', alreadyReceives: [] }, J);
    expect(result.status).toBe('eligible');
    expect(result.reasons.some((r) => r.toConfirm)).toBe(false);
    expect(result.reasons.find((r) => r.criterion === 'notExcludedInJilin')).toMatchObject({ status: 'met', source: 'jilin-two-subsidies', clause: 'exclusions' });
  });
  it('吉林市, "I don\'t know" what is paid: the allowance stays a condition to confirm', () => {
    const result = evaluate(nursingSubsidy, { hasCertificate: true, level: 1, needsLongTermCare: true, household: 'dibao' }, J);
    expect(result.reasons.filter((r) => r.toConfirm).map(cite)).toEqual(['jilin-two-subsidies#exclusions']);
  });
  it('雨花区 has no such exclusion in our sources: nothing to confirm', () => {
    const result = evaluate(nursingSubsidy, { hasCertificate: true, level: 1, household: 'dibao' }, Y);
    expect(result.reasons.some((r) => r.toConfirm)).toBe(false);
  });
});

describe('nothing the person already gets is offered', () => {
  it.each([
    ['吉林市：低保、已经在领生活补贴', livingSubsidy, J, { hasCertificate: true, level: 3, household: 'dibao', alreadyReceives: ['living-subsidy'] }],
    ['雨花区：一级、已经在领护理补贴', nursingSubsidy, Y, { hasCertificate: true, level: 1, alreadyReceives: ['nursing-subsidy', 'living-subsidy'] }],
    ['吉林市：还没回答等级，已经在领护理补贴：不再为它提问', nursingSubsidy, J, { hasCertificate: true, alreadyReceives: ['nursing-subsidy'] }],
  ] as const)('%s: marked as already paid, and nothing more is asked for it', (_name, rule, region, answers) => {
    const result = evaluate(rule, answers as unknown as Answers, region);
    expect(result.alreadyReceived).toBe(true);
    expect(result.missing).toEqual([]);
    expect(result.reasons.every((r) => r.missing.length === 0)).toBe(true);
  });

  it('a subsidy not named stays as the rules say', () => {
    const result = evaluate(nursingSubsidy, { hasCertificate: true, level: 1, needsLongTermCare: true, household: 'dibao', alreadyReceives: ['living-subsidy'] }, J);
    expect(result).toMatchObject({ status: 'eligible' });
    expect(result.alreadyReceived).toBeUndefined();
  });

  it('the certificate is never offered to someone who holds one', () => {
    expect(evaluate(disabilityCertificate, { hasCertificate: true }, J)).toMatchObject({ status: 'ineligible' });
  });
});

describe('a county added under 湖南省 as data', () => {
  const county: RegionNode = { id: 'test-county', name: { zh: '测试县', en: 'Test County' }, parent: 'hunan', sources: [], parameters: {} };
  const tree = new Map([...TREE, [county.id, county]]);
  const inCounty = (rule: Rule, answers: Answers) => rule.evaluate(answers, { region: regionView(chainOf(tree, county.id), AS_OF), asOf: AS_OF });

  it('inherits Hunan’s nursing subsidy by level, with no long-term-care condition', () => {
    expect(inCounty(nursingSubsidy, { hasCertificate: true, level: 2 }).status).toBe('eligible');
  });

  it('asks for levels 3-4 and households beyond dibao, which Hunan leaves to cities and counties, naming the county', () => {
    const nursing = inCounty(nursingSubsidy, { hasCertificate: true, level: 3, category: 'physical' });
    expect(nursing).toMatchObject({ status: 'unknown', missing: [] });
    const reason = nursing.reasons.find((r) => r.criterion === 'severeOrExtended')!;
    expect(cite(reason)).toBe('hunan-two-subsidies#nursing-subsidy-may-extend');
    expect(reason.text.zh).toContain('当地');
    expect(inCounty(livingSubsidy, { hasCertificate: true, household: 'low-income' }).status).toBe('unknown');
  });

  it('cites Hunan’s sources where its own sources say nothing, and names itself', () => {
    const result = inCounty(legalAid, {});
    expect(result.reasons[0]!.text.zh).toBe('其他条件：测试县的资料没有说明');
    expect(result.reasons[0]!.source).toBe('hunan-two-subsidies');
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
const CLAUSES = new Map(
  names('../../../content/sources/', '.yaml').map((id) => {
    const data = parse(readFileSync(here(`../../../content/sources/${id}.yaml`), 'utf8')) as { clauses?: { id: string }[] };
    return [id, new Set((data.clauses ?? []).map((c) => c.id))];
  }),
);
const citesReal = (ref: { source: string; clause?: string }) => SOURCE_IDS.has(ref.source) && (ref.clause === undefined || (CLAUSES.get(ref.source)?.has(ref.clause) ?? false));

/** Values for each answer that the rules tell apart, and none. */
const VALUES: { [K in keyof Answers]-?: readonly Answers[K][] } = {
  hasCertificate: [true, false],
  category: DISABILITY_CATEGORIES,
  level: [1, 3],
  birthDate: ['2023-01-15', '2016-01-01', '1980-03-07'],
  household: HOUSEHOLDS,
  needsLongTermCare: [true, false],
  isAutistic: [true, false],
  schoolStage: SCHOOL_STAGES,
  hasMotorizedWheelchair: [true, false],
  hasSuddenHardship: [true, false],
  alreadyReceives: [[], ['living-subsidy'], ['nursing-subsidy', 'work-injury-nursing-allowance']],
};
const KEYS = Object.keys(VALUES) as (keyof Answers)[];

/** A fixed sample of answer sets (each key unanswered or one of its values), the same on every run. */
function sample(count: number, seed = 20261201): Answers[] {
  let x = seed;
  const random = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, () => {
    const answers: Answers = {};
    for (const key of KEYS) {
      const options = [undefined, ...VALUES[key]];
      const value = options[Math.floor(random() * options.length)];
      if (value !== undefined) Object.assign(answers, { [key]: value });
    }
    return answers;
  });
}
const GRID = [{}, EVERYTHING, ...sample(1500)];
const REGIONS: Region[] = [J, Y];

describe('every rule', () => {
  it('one rule per service in content/services, 22 in all', () => {
    expect(RULES.map((r) => r.service).sort()).toEqual(SERVICES);
    expect(RULES).toHaveLength(22);
  });

  it('the service rules are the catalogue services without a rule in national-rules.ts, in slug order', () => {
    const services = SERVICE_RULES.map((r) => r.service);
    expect(services).toEqual([...services].sort());
    expect(services).toEqual(SERVICES.filter((s) => !['living-subsidy', 'nursing-subsidy', 'child-rehabilitation'].includes(s)));
  });

  it.each(RULES.map((r) => [r.service, r] as const))('%s: every criterion has a unique id, words in both languages and a real source and clause', (_s, r) => {
    expect(new Set(r.criteria.map((c) => c.id)).size).toBe(r.criteria.length);
    for (const c of r.criteria) {
      expect(c.text.zh.trim(), c.id).not.toBe('');
      expect(c.text.en.trim(), c.id).not.toBe('');
      expect(citesReal(c.source), `${c.id}: ${cite(c.source)}`).toBe(true);
    }
  });

  it.each(RULES.map((r) => [r.service, r] as const))('%s: every outcome, in both regions, cites a real source and clause', (_s, r) => {
    for (const region of REGIONS) for (const a of GRID) for (const reason of evaluate(r, a, region).reasons) expect(citesReal(reason), `${region} ${cite(reason)}`).toBe(true);
  });

  it('asks only questions that exist', () => {
    const ids = new Set<QuestionId>(QUESTIONS.map((q) => q.id));
    for (const region of REGIONS) for (const r of RULES) for (const a of GRID) for (const q of evaluate(r, a, region).missing) expect(ids.has(q), q).toBe(true);
  });
});

describe('region-true: a person never reads another region’s words or sources', () => {
  const FOREIGN: Record<Region, { words: RegExp; sources: RegExp }> = {
    'jilin-city': { words: /雨花|长沙|湖南|Yuhua|Changsha|Hunan/, sources: /^(changsha|yuhua|hunan)/ },
    'changsha-yuhua': { words: /吉林|Jilin/, sources: /^jilin/ },
  };
  it.each(REGIONS)('%s', (region) => {
    const regions = contentRegions(TREE);
    const data = regions.get(region)!;
    for (const a of GRID) {
      for (const result of checkIn(data, a, AS_OF).results) {
        for (const reason of result.reasons) {
          expect(`${reason.text.zh} ${reason.text.en}`, `${result.service} ${reason.criterion}`).not.toMatch(FOREIGN[region].words);
          expect(reason.source, `${result.service} ${reason.criterion}`).not.toMatch(FOREIGN[region].sources);
        }
      }
    }
  });
});

describe('every question a rule asks for can change its result', () => {
  it.each(RULES.map((r) => [r.service, r] as const))('%s', (_s, r) => {
    for (const region of REGIONS) {
      for (const a of GRID) {
        const result = evaluate(r, a, region);
        for (const q of result.missing) {
          if (q === 'certificateNumber') continue;
          const outcomes = new Set(VALUES[q].map((v) => JSON.stringify(evaluate(r, { ...a, [q]: v }, region).status)));
          // Either two answers give two results, or an answer turns the question into another that does.
          const moves = VALUES[q].some((v) => {
            const after = evaluate(r, { ...a, [q]: v }, region);
            return after.status !== 'unknown' || after.missing.some((m) => m !== q);
          });
          expect(outcomes.size > 1 || moves, `${region}: ${q} for ${JSON.stringify(a)}`).toBe(true);
        }
      }
    }
  });
});
