/**
 * Regions as the eligibility engine sees them: each served region with its chain up the region
 * tree (content/regions `parent:`, each level's dated `parameters:`) and the services offered
 * there (content/services `regions:`); and as the header's region choice lists them. A region is
 * *served* when some service is offered there; the levels above (the nation, a province, a city
 * that only holds a district) are in the tree for their choices, and no page offers them. Read
 * once per process: content is fixed at build time.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { chainOf, type RegionData, type RegionNode } from '../domain/eligibility';
import { pick, type Lang, type Picked } from '../i18n';

export type Region = CollectionEntry<'regions'>;

/** A content entry as a node of the region tree. */
export const regionNode = (r: Region): RegionNode => ({
  id: r.id,
  name: { zh: r.data.shortName.zh, en: r.data.shortName.en ?? r.data.shortName.zh },
  ...(r.data.parent !== undefined && { parent: r.data.parent }),
  sources: r.data.sources.map((s) => s.source.id),
  parameters: Object.fromEntries(
    Object.entries(r.data.parameters).map(([name, p]) => [name, { values: p!.values, reference: { source: p!.reference.source.id, ...(p!.reference.clause !== undefined && { clause: p!.reference.clause }) } }]),
  ) as RegionNode['parameters'],
});

let servedCache: Promise<Region[]> | undefined;

/** The regions residents are served in (some service is offered there), by id. */
export function servedRegions(): Promise<Region[]> {
  return (servedCache ??= Promise.all([getCollection('regions'), getCollection('services')]).then(([regions, services]) =>
    regions.filter((r) => services.some((s) => s.data.regions.some((x) => x.id === r.id))).sort((a, b) => a.id.localeCompare(b.id)),
  ));
}

/** The province a region lies in (itself, for a province), for grouping; the region's own name above that level. */
export async function provinceOf(region: Region): Promise<Region['data']['name']> {
  const regions = await getCollection('regions');
  const tree = new Map(regions.map((r) => [r.id, r]));
  for (let r: Region | undefined = region; r; r = r.data.parent === undefined ? undefined : tree.get(r.data.parent)) {
    if (r.data.level === 'province') return r.data.name;
  }
  return region.data.name;
}

let cache: Promise<Map<string, RegionData>> | undefined;

async function load(): Promise<Map<string, RegionData>> {
  const [regions, services, served] = await Promise.all([getCollection('regions'), getCollection('services'), servedRegions()]);
  const tree = new Map(regions.map((r) => [r.id, regionNode(r)]));
  return new Map(
    served.map((r) => [
      r.id,
      {
        id: r.id,
        chain: chainOf(tree, r.id),
        services: services.filter((s) => s.data.regions.some((x) => x.id === r.id)).map((s) => s.id).sort(),
      },
    ]),
  );
}

/** Every served region's engine data, by region id. */
export const regionData = (): Promise<Map<string, RegionData>> => (cache ??= load());

let servicesCache: Promise<ReadonlyMap<string, readonly string[]>> | undefined;
/** Each served region's services, by region id: one map for the life of the process (schemas built on it are reused). */
export const regionServices = (): Promise<ReadonlyMap<string, readonly string[]>> =>
  (servicesCache ??= regionData().then((regions) => new Map([...regions].map(([id, r]) => [id, r.services]))));

/** A region in the header's region choice: its id and short name in the page's language (or, marked, in Chinese). */
export type HeaderRegion = { id: string } & Picked;

const headerCache = new Map<Lang, Promise<HeaderRegion[]>>();

/**
 * The header's region choice in `lang`: the served regions. Pages call it and pass the list to
 * the layout, which only shows it (components receive what they show). It is the same list on
 * every page, so it is read once per language, not on every render.
 */
export function headerRegions(lang: Lang): Promise<HeaderRegion[]> {
  let regions = headerCache.get(lang);
  if (!regions) {
    regions = servedRegions().then((all) => all.map((r) => ({ id: r.id, ...pick(lang, r.data.shortName) })));
    headerCache.set(lang, regions);
  }
  return regions;
}
