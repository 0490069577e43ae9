/**
 * The self-check as a journey of steps (CONVENTIONS.md 11): for each state, the next step;
 * how answers, "I don't know" and a certificate number change the state; the trail the journey
 * engine keeps for "back" and the step number; and whole journeys through the real regions' content.
 * Synthetic ID numbers only, made with checkCharacter: never real people's.
 */
import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../identity';
import type { Answers, QuestionId } from './criteria';
import { NATIONAL_REGION } from './test-regions';
import { contentRegions } from '../../../tests/region-tree';
import { confirmCertificate, emptyState, nextStep, prune, selfCheckJourney, withRegion, type CheckState, type Step } from './self-check';
import { answerStep, back, submit, trail, type Answer } from '../journey';
import { checkIn, grouped, type RegionData } from './index';

const AS_OF = '2026-06-01';

/** A region with the national rules and the three services the national framework defines. */
const REGIONS: ReadonlyMap<string, RegionData> = new Map([['national', NATIONAL_REGION]]);

/** A synthetic resident ID number for a birth date (YYYYMMDD), with a correct check character. */
const syntheticId = (birth: string, region = '220201', sequence = '123') => {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + checkCharacter(first17);
};

/** An answer to one question, as its answer type reads it. */
const answer = (answers: Answers): Answer<unknown> => ({ kind: 'value', value: Object.values(answers)[0] });
const DONT_KNOW = { kind: 'dontKnow' } as const;
/** The engine's answer to a step: the step's own change, and the step on the trail. */
const applyAnswer = (s: CheckState, id: QuestionId, a: Answer<unknown>, regions = REGIONS) => answerStep(selfCheckJourney(regions, AS_OF).step(id)!, s, a);
/** The region chosen as the journey engine does it: the region step on the trail. */
const chooseRegion = (s: CheckState, region: string) => answerStep(selfCheckJourney(REGIONS, AS_OF).step('region')!, s, { kind: 'value', value: region });
/** The steps on the trail, as "back" and the step number see them. */
const path = (s: CheckState, regions = REGIONS, _asOf = AS_OF) => trail(selfCheckJourney(regions, AS_OF), s);
const state = (s: Partial<CheckState>): CheckState => ({ ...emptyState(), ...s });
const next = (s: CheckState, regions = REGIONS) => nextStep(s, regions, AS_OF);

/** Posts form fields to the current step, as the no-JS pages do, and checks it was that step. */
function post(s: CheckState, step: Step, fields: Record<string, string>, regions: ReadonlyMap<string, RegionData>): CheckState {
  expect(nextStep(s, regions, AS_OF)).toBe(step);
  const done = submit(selfCheckJourney(regions, AS_OF).step(step)!, s, { get: (name) => fields[name] }, { asOf: AS_OF });
  if (!done.ok) throw new Error(`${step}: ${JSON.stringify(done.error)}`);
  return done.state;
}

/**
 * Each node's next node for each response, as smart-answers' flow tests assert them
 * (`assert_next_node :x, for_response: "yes"`): the state before the node, the fields posted,
 * and where the journey goes. Under the national rules, with the three national services.
 */
describe('the flow, node by node', () => {
  const base = state({ region: 'national', trail: ['region'] });
  const withCertificate = state({ region: 'national', answers: { hasCertificate: true }, trail: ['region', 'hasCertificate'] });
  const noCertificate = state({ region: 'national', answers: { hasCertificate: false }, trail: ['region', 'hasCertificate'] });
  const adult = { ...withCertificate, answers: { hasCertificate: true, birthDate: '1980-01-01' }, skipped: ['certificateNumber' as const] };
  const reading = { birthDate: '1985-03-15', category: 'physical' as const, level: 2 as const, warnings: [] };
  const cases: [string, CheckState, Step, Record<string, string>, Step][] = [
    ['region → the first question', emptyState(), 'region', { region: 'national' }, 'hasCertificate'],
    ['hasCertificate yes → the certificate number', base, 'hasCertificate', { answer: 'yes' }, 'certificateNumber'],
    ['hasCertificate no → the birth date', base, 'hasCertificate', { answer: 'no' }, 'birthDate'],
    ['hasCertificate dontKnow → the birth date', base, 'hasCertificate', { answer: 'dontKnow' }, 'birthDate'],
    ['certificateNumber skipped → the birth date', withCertificate, 'certificateNumber', { action: 'skip' }, 'birthDate'],
    ['certificateNumber read → confirm', withCertificate, 'certificateNumber', { certificateNumber: `${syntheticId('19850315')}42` }, 'confirm'],
    ['confirm yes (adult, level 2 physical) → the household', { ...withCertificate, pending: reading }, 'confirm', { answer: 'yes' }, 'household'],
    ['confirm no → the birth date', { ...withCertificate, pending: reading }, 'confirm', { answer: 'no' }, 'birthDate'],
    ['birthDate of an adult, with a certificate → the household', { ...withCertificate, skipped: ['certificateNumber'] }, 'birthDate', { year: '1980', month: '1', day: '1' }, 'household'],
    ['birthDate of a child, no certificate → the category (children’s rehabilitation turns on it)', noCertificate, 'birthDate', { year: '2022', month: '1', day: '1' }, 'category'],
    ['birthDate of an adult, no certificate → the summary', noCertificate, 'birthDate', { year: '1980', month: '1', day: '1' }, 'summary'],
    ['household dibao → the level', adult, 'household', { answer: 'dibao' }, 'level'],
    ['household none → the level (the nursing subsidy still turns on it)', adult, 'household', { answer: 'none' }, 'level'],
    ['level 2 → long-term care', { ...adult, answers: { ...adult.answers, household: 'dibao' } }, 'level', { answer: '2' }, 'needsLongTermCare'],
    ['level 3 → what is already paid (the national rules stop at level 2; the living subsidy is open)', { ...adult, answers: { ...adult.answers, household: 'dibao' } }, 'level', { answer: '3' }, 'alreadyReceives'],
    ['level 3, no status → the summary (neither subsidy is open)', { ...adult, answers: { ...adult.answers, household: 'none' } }, 'level', { answer: '3' }, 'summary'],
    ['category physical of a child → the summary (a physical disability is named)', { ...noCertificate, answers: { hasCertificate: false, birthDate: '2022-01-01', household: 'none' } }, 'category', { answer: 'physical' }, 'summary'],
    ['category dontKnow of a child → autism (named apart)', { ...noCertificate, answers: { hasCertificate: false, birthDate: '2022-01-01', household: 'none' } }, 'category', { answer: 'dontKnow' }, 'isAutistic'],
    ['needsLongTermCare yes → what is already paid', { ...adult, answers: { ...adult.answers, household: 'dibao', level: 2 } }, 'needsLongTermCare', { answer: 'yes' }, 'alreadyReceives'],
    ['alreadyReceives none → the summary', { ...adult, answers: { ...adult.answers, household: 'dibao', level: 2, needsLongTermCare: true } }, 'alreadyReceives', { answer: 'none' }, 'summary'],
    ['alreadyReceives the living subsidy → the summary', { ...adult, answers: { ...adult.answers, household: 'dibao', level: 2, needsLongTermCare: true } }, 'alreadyReceives', { answer: 'living-subsidy' }, 'summary'],
    ['isAutistic yes → the summary', { ...noCertificate, answers: { hasCertificate: false, birthDate: '2022-01-01', household: 'none' }, skipped: ['category'] }, 'isAutistic', { answer: 'yes' }, 'summary'],
  ];
  it.each(cases)('%s', (_name, before, step, fields, expected) => {
    const journey = selfCheckJourney(REGIONS, AS_OF);
    const done = submit(journey.step(step)!, before, { get: (name) => fields[name] }, { asOf: AS_OF });
    if (!done.ok) throw new Error(`${step}: ${JSON.stringify(done.error)}`);
    expect(nextStep(done.state, REGIONS, AS_OF)).toBe(expected);
  });

  it('stays on the node, with the error, for an answer it cannot take', () => {
    const journey = selfCheckJourney(REGIONS, AS_OF);
    expect(submit(journey.step('hasCertificate')!, base, { get: () => undefined }, { asOf: AS_OF })).toEqual({ ok: false, error: { code: 'required', field: 'answer' } });
    expect(submit(journey.step('region')!, emptyState(), { get: () => 'atlantis' }, { asOf: AS_OF })).toEqual({ ok: false, error: { code: 'option', field: 'region' } });
    expect(submit(journey.step('confirm')!, { ...withCertificate, pending: reading }, { get: () => 'dontKnow' }, { asOf: AS_OF })).toEqual({ ok: false, error: { code: 'option', field: 'answer' } });
  });
});

describe('nextStep', () => {
  it('starts with the region, and asks it again for a region we do not know', () => {
    expect(next(emptyState())).toBe('region');
    expect(next(state({ answers: { hasCertificate: true } }))).toBe('region');
    expect(next(state({ region: 'atlantis' }))).toBe('region');
    expect(next(state({ region: 'atlantis', pending: { birthDate: '1985-03-15', warnings: [] } }))).toBe('region');
  });

  it('asks the questions once the region is known', () => {
    expect(next(withRegion(emptyState(), 'national'))).toBe('hasCertificate');
    expect(next(state({ region: 'national', answers: { hasCertificate: true } }))).toBe('certificateNumber');
    expect(next(state({ region: 'national', answers: { hasCertificate: false } }))).toBe('birthDate');
  });

  it('asks to confirm a certificate number before anything else', () => {
    expect(next(state({ region: 'national', answers: { hasCertificate: true }, pending: { birthDate: '1985-03-15', category: 'physical', level: 2, warnings: [] } }))).toBe('confirm');
  });

  it('ends with the summary when no question can change a result', () => {
    expect(next(state({ region: 'national', answers: { hasCertificate: false, birthDate: '1980-01-01' } }))).toBe('summary');
    const all: Answers = { hasCertificate: true, birthDate: '1980-01-01', household: 'dibao', level: 2, category: 'physical', needsLongTermCare: true, isAutistic: false, alreadyReceives: [] };
    expect(next(state({ region: 'national', answers: all, skipped: ['certificateNumber'] }))).toBe('summary');
  });

  it('keeps the answers when the region changes', () => {
    const s = withRegion(state({ region: 'national', answers: { hasCertificate: false } }), 'elsewhere');
    expect(s).toEqual(state({ region: 'elsewhere', answers: { hasCertificate: false } }));
  });
});

describe('applyAnswer', () => {
  const base = state({ region: 'national', answers: { hasCertificate: true }, skipped: ['certificateNumber'] });

  it('records an answer', () => {
    expect(applyAnswer(base, 'birthDate', answer({ birthDate: '1980-01-01' }))).toEqual({ ...base, answers: { hasCertificate: true, birthDate: '1980-01-01' }, trail: ['birthDate'] });
  });

  it('replaces an earlier answer to the same question', () => {
    const s = applyAnswer(base, 'household', answer({ household: 'dibao' }));
    expect(applyAnswer(s, 'household', answer({ household: 'none' })).answers).toEqual({ hasCertificate: true, household: 'none' });
  });

  it('"I don\'t know" replaces an earlier answer, and is not asked again', () => {
    const answered = applyAnswer(base, 'household', answer({ household: 'dibao' }));
    const s = applyAnswer(answered, 'household', DONT_KNOW);
    expect(s.answers).toEqual({ hasCertificate: true });
    expect(s.skipped).toEqual(['certificateNumber', 'household']);
    expect(next(s)).not.toBe('household');
  });

  it('an answer replaces an earlier "I don\'t know"', () => {
    const unknown = applyAnswer(base, 'household', DONT_KNOW);
    const s = applyAnswer(unknown, 'household', answer({ household: 'dibao' }));
    expect(s.answers).toEqual({ hasCertificate: true, household: 'dibao' });
    expect(s.skipped).toEqual(['certificateNumber']);
  });

  it('"I don\'t know" twice is recorded once', () => {
    const s = applyAnswer(applyAnswer(base, 'household', DONT_KNOW), 'household', DONT_KNOW);
    expect(s.skipped).toEqual(['certificateNumber', 'household']);
  });

  it('skipping the certificate number keeps every answer', () => {
    const s0 = state({ region: 'national', answers: { hasCertificate: true, birthDate: '1980-01-01' } });
    const s = applyAnswer(s0, 'certificateNumber', DONT_KNOW);
    expect(s.answers).toEqual(s0.answers);
    expect(s.skipped).toEqual(['certificateNumber']);
    expect(next(s)).toBe('household');
  });

  it('holds what a certificate number said until the person confirms it', () => {
    const read = { birthDate: '1985-03-15', category: 'physical' as const, level: 2 as const, warnings: [] };
    const s = applyAnswer(base, 'certificateNumber', { kind: 'value', value: read });
    expect(s.pending).toEqual(read);
    expect(s.answers).toEqual({ hasCertificate: true });
    expect(s.skipped).toEqual([]);
    expect(next(s)).toBe('confirm');
  });
});

describe('confirmCertificate', () => {
  const pending = { birthDate: '1985-03-15', category: 'intellectual' as const, level: 3 as const, warnings: [] };

  it('a yes fills in birth date, category and level, and marks them read from the certificate', () => {
    const s = confirmCertificate(state({ region: 'national', answers: { hasCertificate: true }, pending }), true);
    expect(s).toEqual({
      region: 'national',
      answers: { hasCertificate: true, birthDate: '1985-03-15', category: 'intellectual', level: 3 },
      skipped: ['certificateNumber'],
      certificateRead: true,
    });
    expect(next(s)).toBe('household');
  });

  it('a yes replaces earlier answers and earlier "I don\'t know"s to what it fills in', () => {
    const s0 = state({
      region: 'national',
      answers: { hasCertificate: true, birthDate: '1990-01-01', household: 'dibao', category: 'visual' },
      skipped: ['certificateNumber', 'level', 'needsLongTermCare'],
      pending,
    });
    const s = confirmCertificate(s0, true);
    expect(s.answers).toEqual({ hasCertificate: true, birthDate: '1985-03-15', household: 'dibao', category: 'intellectual', level: 3 });
    expect(s.skipped).toEqual(['needsLongTermCare', 'certificateNumber']);
    expect(s.pending).toBeUndefined();
  });

  it('a yes to an ID number alone fills in the birth date only, and the level is still asked', () => {
    const s0 = state({ region: 'national', answers: { hasCertificate: true }, pending: { birthDate: '1985-03-15', warnings: ['noCategoryOrLevel'] } });
    const s = confirmCertificate(s0, true);
    expect(s.answers).toEqual({ hasCertificate: true, birthDate: '1985-03-15' });
    expect(s.certificateRead).toBe(true);
    expect(next(s)).toBe('household');
    expect(next(applyAnswer(s, 'household', answer({ household: 'dibao' })))).toBe('level');
  });

  it('a no drops what was read, counts the number as dealt with, and asks the questions', () => {
    const s = confirmCertificate(state({ region: 'national', answers: { hasCertificate: true }, pending }), false);
    expect(s).toEqual({ region: 'national', answers: { hasCertificate: true }, skipped: ['certificateNumber'], certificateRead: false });
    expect(next(s)).toBe('birthDate');
  });
});

describe('prune', () => {
  it('drops the level and the certificate number once the person has no certificate', () => {
    const s0 = state({ region: 'national', answers: { hasCertificate: true, birthDate: '1980-01-01', household: 'dibao', level: 2 }, skipped: ['certificateNumber', 'needsLongTermCare'] });
    const s = applyAnswer(s0, 'hasCertificate', answer({ hasCertificate: false }));
    expect(s.answers).toEqual({ hasCertificate: false, birthDate: '1980-01-01', household: 'dibao' });
    expect(s.skipped).toEqual(['needsLongTermCare']);
  });

  it('drops a "don\'t know" to the level too, so it is asked again with a certificate', () => {
    const s = prune(state({ answers: { hasCertificate: false }, skipped: ['certificateNumber', 'level', 'household'] }));
    expect(s.skipped).toEqual(['household']);
    const back = applyAnswer(s, 'hasCertificate', answer({ hasCertificate: true }));
    expect(next({ ...back, region: 'national' })).toBe('certificateNumber');
  });

  it('drops the level when the certificate becomes "I don\'t know"', () => {
    const s = applyAnswer(state({ answers: { hasCertificate: true, level: 1 }, skipped: ['certificateNumber'] }), 'hasCertificate', DONT_KNOW);
    expect(s.answers).toEqual({});
    expect(s.skipped).toEqual(['hasCertificate']);
  });

  it('keeps everything that still applies', () => {
    const s0 = state({ region: 'national', answers: { hasCertificate: true, birthDate: '1980-01-01', level: 2 }, skipped: ['certificateNumber', 'household'] });
    expect(prune(s0)).toEqual(s0);
  });
});

describe('path', () => {
  const read = { birthDate: '1985-03-15', category: 'physical' as const, level: 2 as const, warnings: [] };
  const start = chooseRegion(emptyState(), 'national');

  /** An adult on dibao with a level 2 certificate, who reads the number in or skips it. */
  function journey(withNumber: boolean): CheckState {
    let s = applyAnswer(start, 'hasCertificate', answer({ hasCertificate: true }));
    if (withNumber) s = confirmCertificate(applyAnswer(s, 'certificateNumber', { kind: 'value', value: read }), true);
    else {
      s = applyAnswer(s, 'certificateNumber', DONT_KNOW);
      expect(next(s)).toBe('birthDate');
      s = applyAnswer(s, 'birthDate', answer({ birthDate: '1985-03-15' }));
    }
    expect(next(s)).toBe('household');
    s = applyAnswer(s, 'household', answer({ household: 'dibao' }));
    if (!withNumber) {
      expect(next(s)).toBe('level');
      s = applyAnswer(s, 'level', answer({ level: 2 }));
    }
    expect(next(s)).toBe('needsLongTermCare');
    s = applyAnswer(s, 'needsLongTermCare', answer({ needsLongTermCare: true }));
    expect(next(s)).toBe('alreadyReceives');
    s = applyAnswer(s, 'alreadyReceives', answer({ alreadyReceives: [] }));
    expect(next(s)).toBe('summary');
    return s;
  }

  it('is empty before a region is chosen, or for a region we do not know', () => {
    expect(path(emptyState(), REGIONS, AS_OF)).toEqual([]);
    expect(path(state({ region: 'atlantis', answers: { hasCertificate: true } }), REGIONS, AS_OF)).toEqual([]);
  });

  it('lists the steps so far, up to the one being asked', () => {
    expect(path(start, REGIONS, AS_OF)).toEqual(['region']);
    const s = applyAnswer(start, 'hasCertificate', answer({ hasCertificate: true }));
    expect(path(s, REGIONS, AS_OF)).toEqual(['region', 'hasCertificate']);
    // Waiting for confirmation: the number itself is not dealt with yet.
    const waiting = applyAnswer(s, 'certificateNumber', { kind: 'value', value: read });
    expect(path(waiting, REGIONS, AS_OF)).toEqual(['region', 'hasCertificate']);
  });

  it('with a certificate number: what it filled in is not listed as steps of its own', () => {
    const s = journey(true);
    expect(path(s, REGIONS, AS_OF)).toEqual(['region', 'hasCertificate', 'certificateNumber', 'household', 'needsLongTermCare', 'alreadyReceives']);
  });

  it('without a certificate number: each question in the order asked', () => {
    const s = journey(false);
    expect(path(s, REGIONS, AS_OF)).toEqual(['region', 'hasCertificate', 'certificateNumber', 'birthDate', 'household', 'level', 'needsLongTermCare', 'alreadyReceives']);
  });

  it('with a rejected certificate number: the questions it would have answered', () => {
    let s = applyAnswer(start, 'hasCertificate', answer({ hasCertificate: true }));
    s = confirmCertificate(applyAnswer(s, 'certificateNumber', { kind: 'value', value: read }), false);
    s = applyAnswer(s, 'birthDate', answer({ birthDate: '1985-03-15' }));
    expect(path(s, REGIONS, AS_OF)).toEqual(['region', 'hasCertificate', 'certificateNumber', 'birthDate']);
    expect(next(s)).toBe('household');
  });

  it('lists an "I don\'t know" as a step', () => {
    let s = applyAnswer(start, 'hasCertificate', DONT_KNOW);
    s = applyAnswer(s, 'birthDate', answer({ birthDate: '2022-01-01' }));
    expect(path(s, REGIONS, AS_OF)).toEqual(['region', 'hasCertificate', 'birthDate']);
  });

  it('after a change from the summary: the same steps when the change asks nothing new', () => {
    const s = applyAnswer(journey(true), 'household', answer({ household: 'none' }));
    expect(next(s)).toBe('summary');
    expect(path(s, REGIONS, AS_OF)).toEqual(['region', 'hasCertificate', 'certificateNumber', 'household', 'needsLongTermCare', 'alreadyReceives']);
    const living = checkIn(REGIONS.get('national')!, s.answers, AS_OF, s.skipped).results.find((r) => r.service === 'living-subsidy')!;
    expect(living.status).toBe('ineligible');
  });

  it('after a change from the summary: an answer that no longer decides anything stays, as the summary lists it', () => {
    // Level 3 under the national rules: the nursing subsidy is decided, long-term care no longer matters.
    const s = applyAnswer(journey(false), 'level', answer({ level: 3 }));
    expect(next(s)).toBe('summary');
    expect(path(s, REGIONS, AS_OF)).toEqual(['region', 'hasCertificate', 'certificateNumber', 'birthDate', 'household', 'level', 'needsLongTermCare', 'alreadyReceives']);
  });

  it('after a change from the summary: the certificate goes, and what it read stays', () => {
    // No certificate any more: the level goes; the birth date and category read from the number stay.
    const s = applyAnswer(journey(true), 'hasCertificate', answer({ hasCertificate: false }));
    expect(s.answers).toEqual({ hasCertificate: false, birthDate: '1985-03-15', category: 'physical', household: 'dibao', needsLongTermCare: true, alreadyReceives: [] });
    expect(s.skipped).toEqual([]);
    expect(next(s)).toBe('summary');
    // The certificate number and the level leave the trail; the birth date was never a step of its own.
    expect(path(s, REGIONS, AS_OF)).toEqual(['region', 'hasCertificate', 'household', 'needsLongTermCare', 'alreadyReceives']);
    // A child's birth date instead: the category is already known, so nothing more is asked.
    expect(next(applyAnswer(s, 'birthDate', answer({ birthDate: '2022-01-01' })))).toBe('summary');
  });

  it('after a change from the summary: a new question joins the trail at its end, so "back" goes to the last answer', () => {
    // A child's birth date: the category now matters.
    const s = applyAnswer(journey(false), 'birthDate', answer({ birthDate: '2022-01-01' }));
    expect(next(s)).toBe('category');
    const steps = ['region', 'hasCertificate', 'certificateNumber', 'birthDate', 'household', 'level', 'needsLongTermCare', 'alreadyReceives'];
    expect(path(s, REGIONS, AS_OF)).toEqual(steps);
    expect(back(selfCheckJourney(REGIONS, AS_OF), s, 'category')).toEqual({ to: 'alreadyReceives', number: 9 });
    expect(back(selfCheckJourney(REGIONS, AS_OF), s, 'household')).toEqual({ to: 'birthDate', number: 5 });
    expect(back(selfCheckJourney(REGIONS, AS_OF), s, 'region')).toEqual({ to: 'start', number: 1 });
    const done = applyAnswer(s, 'category', answer({ category: 'physical' }));
    expect(next(done)).toBe('summary');
    expect(path(done, REGIONS, AS_OF)).toEqual([...steps, 'category']);
  });
});

describe('whole journeys through the regions’ content', () => {
  const regions = contentRegions();
  const status = (s: CheckState, service: string) => {
    const check = checkIn(regions.get(s.region!)!, s.answers, AS_OF, s.skipped);
    return check.results.find((r) => r.service === service);
  };

  it('reads both regions, each with the three national services', () => {
    expect([...regions.keys()]).toEqual(['changsha-yuhua', 'jilin-city']);
    for (const r of regions.values()) {
      expect(r.services).toEqual(expect.arrayContaining(['child-rehabilitation', 'living-subsidy', 'nursing-subsidy']));
      expect(r.chain.at(-1)!.id).toBe('china');
    }
  });

  it('an adult in Jilin City with a level 3 intellectual disability certificate, on dibao', () => {
    let s = emptyState();
    expect(nextStep(s, regions, AS_OF)).toBe('region');
    s = chooseRegion(s, 'jilin-city');
    s = post(s, 'hasCertificate', { answer: 'yes' }, regions);
    s = post(s, 'certificateNumber', { certificateNumber: `${syntheticId('19850315')}53` }, regions);
    expect(nextStep(s, regions, AS_OF)).toBe('confirm');
    expect(s.pending).toEqual({ birthDate: '1985-03-15', category: 'intellectual', level: 3, warnings: [] });
    s = confirmCertificate(s, true);
    s = post(s, 'household', { answer: 'dibao' }, regions);
    // The living subsidy is open to a dibao household: is it paid already?
    s = post(s, 'alreadyReceives', { answer: 'none' }, regions);
    // Not in school: the pension contribution aid and the study grant turn on it.
    s = post(s, 'schoolStage', { answer: 'none' }, regions);
    expect(nextStep(s, regions, AS_OF)).toBe('summary');
    expect(path(s, regions, AS_OF)).toEqual(['region', 'hasCertificate', 'certificateNumber', 'household', 'alreadyReceives', 'schoolStage']);

    expect(status(s, 'living-subsidy')).toMatchObject({ status: 'eligible', missing: [] });
    // Level 3: 吉林省 gives the nursing subsidy to levels 1-2 only (jilin-two-subsidies), so long-term care is not asked.
    const nursing = status(s, 'nursing-subsidy')!;
    expect(nursing).toMatchObject({ status: 'ineligible' });
    expect(nursing.reasons.find((r) => r.criterion === 'severeOrExtended')).toMatchObject({ status: 'notMet', source: 'jilin-two-subsidies', clause: 'nursing-subsidy-recipients' });
    expect(status(s, 'child-rehabilitation')).toMatchObject({ status: 'ineligible' });
    expect(status(s, 'student-aid')).toMatchObject({ status: 'ineligible' });
    const check = checkIn(regions.get('jilin-city')!, s.answers, AS_OF, s.skipped);
    expect(check.next).toBeNull();
    expect(check.results.every((r) => r.status !== 'unknown' || r.missing.length === 0)).toBe(true);
    // Only the services Jilin City offers.
    expect(check.results.map((r) => r.service).sort()).toEqual([...regions.get('jilin-city')!.services]);
    expect(grouped(check.results).eligible.map((r) => r.service)).toContain('living-subsidy');
  });

  it('a 5-year-old in Yuhua District, Changsha, with no certificate, in a family that gets none of the statuses', () => {
    let s = chooseRegion(emptyState(), 'changsha-yuhua');
    s = post(s, 'hasCertificate', { answer: 'no' }, regions);
    s = post(s, 'birthDate', { year: '２０２１', month: '３', day: '１０' }, regions);
    expect(s.answers.birthDate).toBe('2021-03-10');
    s = post(s, 'household', { answer: 'none' }, regions);
    s = post(s, 'hasSuddenHardship', { answer: 'no' }, regions);
    // Whether the family counts (20号 "其他经济困难家庭") only the office can say in Yuhua, so the
    // child's category and autism, which could only show the child covered, are not asked.
    expect(nextStep(s, regions, AS_OF)).toBe('summary');
    expect(path(s, regions, AS_OF)).toEqual(['region', 'hasCertificate', 'birthDate', 'household', 'hasSuddenHardship']);
    expect(s).toEqual({
      region: 'changsha-yuhua',
      answers: { hasCertificate: false, birthDate: '2021-03-10', household: 'none', hasSuddenHardship: false },
      skipped: [],
      trail: ['region', 'hasCertificate', 'birthDate', 'household', 'hasSuddenHardship'],
    });

    // The family is none of those 20号 names, and what 湖南省 and 长沙市 decided for
    // "其他经济困难家庭" is not in our sources: ask.
    const child = status(s, 'child-rehabilitation')!;
    expect(child).toMatchObject({ status: 'unknown', missing: [] });
    expect(child.reasons.find((r) => r.criterion === 'childFamilyMeans')!.text.zh).toContain('长沙市雨花区');
    expect(status(s, 'living-subsidy')).toMatchObject({ status: 'ineligible' });
    expect(status(s, 'nursing-subsidy')).toMatchObject({ status: 'ineligible' });
    expect(status(s, 'temporary-assistance')).toMatchObject({ status: 'ineligible' });
    // Jilin City's own services are not offered in Yuhua.
    expect(status(s, 'free-bus-travel')).toBeUndefined();
    expect(checkIn(regions.get('changsha-yuhua')!, s.answers, AS_OF, s.skipped).next).toBeNull();
  });
});
