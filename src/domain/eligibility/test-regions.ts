/**
 * Region trees for tests: the national framework as content/regions/china.yaml states it, and
 * regions under it that state a choice, so rule tests read like openfisca's (a region, answers,
 * the outcome) without reading files. The content's own tree is tested against these figures
 * (tests/unit/region-tree.test.ts), so they cannot drift apart unnoticed.
 */
import type { RegionData } from './index';
import type { Dated, ParameterName, ParameterTypes, RegionNode } from './regions';

const from = <T>(start: string, value: T | 'unknown'): Dated<T> => ({ [start]: value });

/** 全国 The nation, with the national figures only: every regional choice left unstated. */
export const NATION: RegionNode = {
  id: 'china',
  name: { zh: '全国', en: 'China' },
  sources: ['guofa-2015-52', 'guofa-2018-20'],
  parameters: {
    'nursingSubsidy.maxLevel': { values: from('2015-12-31', 2), reference: { source: 'guofa-2015-52' } },
    'nursingSubsidy.needsLongTermCare': { values: from('2015-12-31', true), reference: { source: 'guofa-2015-52' } },
    'childRehabilitation.baseMaxAge': { values: from('2018-12-31', 6), reference: { source: 'guofa-2018-20', clause: 'child-rehabilitation-recipients' } },
    'residentsPension.minAge': { values: from('2014-02-21', 16), reference: { source: 'guofa-2014-8', clause: 'who-can-join' } },
    'work.minAge': { values: from('2018-12-29', 16), reference: { source: 'labour-law', clause: 'art15-minimum-age' } },
  },
};

/** Choices a test region states, each from 2016-01-01, citing a made-up clause of a test source. */
export type Choices = { [K in ParameterName]?: ParameterTypes[K] | 'unknown' };

/** A region under the nation (or under `parent`) that states `choices`. */
export function regionNode(id: string, choices: Choices = {}, parent: RegionNode = NATION): RegionNode {
  return {
    id,
    name: { zh: `测试地区${id}`, en: `Test region ${id}` },
    parent: parent.id,
    sources: [`${id}-source`],
    parameters: Object.fromEntries(Object.entries(choices).map(([name, value]) => [name, { values: from('2016-01-01', value), reference: { source: `${id}-source`, clause: name } }])),
  };
}

/** The chain of a region stating `choices` directly under the nation. */
export const chainWith = (choices: Choices = {}): RegionNode[] => [regionNode('test', choices), NATION];

/** A served region for the self-check's tests: a chain and the services offered there. */
export const regionData = (id: string, chain: readonly RegionNode[], services: readonly string[]): RegionData => ({ id, chain, services });

/** The three national services, in a region that states no choice of its own. */
export const NATIONAL_SERVICES = ['child-rehabilitation', 'living-subsidy', 'nursing-subsidy'] as const;

/**
 * A region that extends nothing and lifts the children's family-means condition: the national
 * framework's floor, with no question of means for children. The flow tests use it so each
 * node's next step turns on the national conditions alone.
 */
export const NO_EXTENSIONS: Choices = {
  'livingSubsidy.extendedTo': [],
  'nursingSubsidy.extendedTo': [],
  'childRehabilitation.maxAge': 6,
  'childRehabilitation.allFamilies': true,
};

/** The served region `national` with NO_EXTENSIONS and the three national services. */
export const NATIONAL_REGION: RegionData = regionData('national', [regionNode('national', NO_EXTENSIONS), NATION], NATIONAL_SERVICES);
