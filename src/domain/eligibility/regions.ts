/**
 * Regions as a tree (nation → province → city → district or county) and the dated parameters the
 * rules read, openfisca style (CONVENTIONS.md 8): each parameter has values keyed by start date
 * and the clause it rests on. A value stated at one level holds below it unless a lower level
 * states its own, so a county added under 湖南省 inherits Hunan's choices with no code. A value
 * may be `unknown`: our sources do not say what that level decided, which stops the search just as
 * a stated value does (a province that is known to decide, and whose decision we do not know, is
 * not overruled by the national default). Pure: the tree and the date come in as arguments.
 */
import type { DisabilityCategory, DisabilityLevel } from '../identity';
import type { Text } from './criteria';

/** A place in a source: the source (content/sources id) and, where we quote it, the clause id. */
export interface ClauseRef {
  source: string;
  clause?: string;
}

/** A disability category, or `any` for a choice that names none ("或其他残疾人"). */
export type CategoryOrAny = DisabilityCategory | 'any';

/** Households beyond 低保 that a region may extend a subsidy to (GLOSSARY.md identifiers). */
export type ExtraHousehold = 'low-income' | 'tekun' | 'registered-poor';

/**
 * Every parameter a rule reads, by name, with the type of its value. The content schema
 * (src/schemas/content.ts) checks each region file against these names and types.
 */
export interface ParameterTypes {
  /** 生活补贴：低保之外当地扩大到的家庭 Households beyond 低保 the living subsidy is extended to. */
  'livingSubsidy.extendedTo': ExtraHousehold[];
  /** 生活补贴：不论家庭、都给到的等级（长沙市：一、二级） Levels covered whatever the household (Changsha: 1-2). */
  'livingSubsidy.allHouseholdsUpToLevel': DisabilityLevel;
  /** 护理补贴：全国标准的最低等级（一级、二级） The lowest level the nursing subsidy always covers. */
  'nursingSubsidy.maxLevel': DisabilityLevel;
  /** 护理补贴：是否要求需要长期照护 Whether the nursing subsidy asks for a need of long-term care. */
  'nursingSubsidy.needsLongTermCare': boolean;
  /** 护理补贴：当地扩大到的类别和等级 Categories and levels beyond 1-2 the nursing subsidy is extended to. */
  'nursingSubsidy.extendedTo': { category: CategoryOrAny; maxLevel: 3 | 4 }[];
  /** 残疾儿童康复救助：全国的年龄上限（0-6岁） The national age limit, in full years, for children's rehabilitation. */
  'childRehabilitation.baseMaxAge': number;
  /** 残疾儿童康复救助：当地提高后的年龄上限（周岁） The oldest age a region raises children's rehabilitation to. */
  'childRehabilitation.maxAge': number;
  /** 残疾儿童康复救助：部分项目的年龄上限（吉林省：矫治手术、假肢到16岁） The oldest age for some items only. */
  'childRehabilitation.maxAgeForSomeItems': number;
  /** 残疾儿童康复救助：是否放宽到所有家庭 Whether the family-means condition is lifted for every family. */
  'childRehabilitation.allFamilies': boolean;
  /** 城乡居民养老保险：参保年龄（周岁） The age from which residents' pension insurance is open. */
  'residentsPension.minAge': number;
  /** 就业：最低年龄（周岁） The lowest age at which a person may be employed. */
  'work.minAge': number;
}
export type ParameterName = keyof ParameterTypes;

/** Values keyed by start date (YYYY-MM-DD); `unknown` where the sources do not say. */
export type Dated<T> = Readonly<Record<string, T | 'unknown'>>;

/** One parameter at one level of the tree. */
export interface Parameter<T> {
  values: Dated<T>;
  /** The clause the values rest on. */
  reference: ClauseRef;
}

/** A node of the region tree, as the content states it (content/regions). */
export interface RegionNode {
  id: string;
  /** Short name, for "雨花区的资料没有说明…". */
  name: Text;
  /** The node above, or none for the nation. */
  parent?: string;
  /** The sources that speak for this place, nearest first; criteria that say "our sources do not say" cite them. */
  sources: readonly string[];
  parameters: { readonly [K in ParameterName]?: Parameter<ParameterTypes[K]> };
}

/** A parameter as it holds in a region on a date, and where it was stated. */
export type Setting<T> =
  | { value: T; region: string; reference: ClauseRef }
  /** Not known: `region` is the level that is known to decide without our knowing how, if any. */
  | { value: 'unknown'; region?: string; reference?: ClauseRef };

/** The value that holds on `asOf`: the one with the latest start date on or before it. */
export function valueAt<T>(values: Dated<T>, asOf: string): T | 'unknown' | undefined {
  let best: string | undefined;
  for (const start of Object.keys(values)) if (start <= asOf && (best === undefined || start > best)) best = start;
  return best === undefined ? undefined : values[best];
}

/** A region as the rules see it: its name, its chain up to the nation, and its parameters on a date. */
export interface RegionView {
  id: string;
  name: Text;
  /** The region's own id and every id above it, nearest first. */
  chain: readonly string[];
  /** The name of a level of the chain (the one that stated a setting), or the region's own. */
  nameOf(id: string | undefined): Text;
  /** Sources that speak for the region: its own, or the nearest level's that has some. */
  sources: readonly string[];
  setting<K extends ParameterName>(name: K): Setting<ParameterTypes[K]>;
}

/**
 * The region's view on `asOf`. `nodes` is the chain from the region up to the nation, nearest
 * first (`chainOf` makes it from a tree).
 */
export function regionView(nodes: readonly RegionNode[], asOf: string): RegionView {
  const self = nodes[0];
  if (!self) throw new RangeError('a region view needs at least one node');
  return {
    id: self.id,
    name: self.name,
    chain: nodes.map((n) => n.id),
    nameOf: (id) => nodes.find((n) => n.id === id)?.name ?? self.name,
    sources: nodes.find((n) => n.sources.length)?.sources ?? [],
    setting<K extends ParameterName>(name: K): Setting<ParameterTypes[K]> {
      for (const node of nodes) {
        const parameter = node.parameters[name] as Parameter<ParameterTypes[K]> | undefined;
        const value = parameter && valueAt(parameter.values, asOf);
        if (value === undefined) continue;
        return { value, region: node.id, reference: parameter!.reference } as Setting<ParameterTypes[K]>;
      }
      return { value: 'unknown' };
    },
  };
}

/** The chain from `id` up to the root, nearest first. Throws on a missing parent or a cycle (a content bug). */
export function chainOf(tree: ReadonlyMap<string, RegionNode>, id: string): RegionNode[] {
  const chain: RegionNode[] = [];
  for (let node = tree.get(id); node; node = node.parent === undefined ? undefined : tree.get(node.parent)) {
    if (chain.includes(node)) throw new RegionTreeError(`region ${id}: the chain of parents loops at ${node.id}`);
    chain.push(node);
    if (node.parent !== undefined && !tree.has(node.parent)) throw new RegionTreeError(`region ${node.id}: parent ${node.parent} does not exist`);
  }
  if (!chain.length) throw new RegionTreeError(`region ${id} does not exist`);
  return chain;
}

/** A region tree that cannot be read: a bug in content/regions, caught by the content tests. */
export class RegionTreeError extends Error {
  override name = 'RegionTreeError';
}
