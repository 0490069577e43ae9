/**
 * Regions as the eligibility engine sees them: each region's rules (content/regions
 * `eligibility:`) and the services offered there (content/services `regions:`); and as the
 * header's region choice lists them. Read once per process: content is fixed at build time.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { RegionData } from '../domain/eligibility';
import { pick, type Lang, type Picked } from '../i18n';

export type Region = CollectionEntry<'regions'>;

let cache: Promise<Map<string, RegionData>> | undefined;

async function load(): Promise<Map<string, RegionData>> {
  const [regions, services] = await Promise.all([getCollection('regions'), getCollection('services')]);
  return new Map(
    regions
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((r) => [
        r.id,
        {
          id: r.id,
          rules: r.data.eligibility,
          services: services.filter((s) => s.data.regions.some((x) => x.id === r.id)).map((s) => s.id).sort(),
        },
      ]),
  );
}

/** Every region's engine data, by region id. */
export const regionData = (): Promise<Map<string, RegionData>> => (cache ??= load());

/** A region in the header's region choice: its id and short name in the page's language (or, marked, in Chinese). */
export type HeaderRegion = { id: string } & Picked;

const headerCache = new Map<Lang, Promise<HeaderRegion[]>>();

/**
 * The header's region choice in `lang`, in the collection's order. Pages call it and pass the
 * list to the layout, which only shows it (components receive what they show). It is the same
 * list on every page, so it is read once per language, not on every render.
 */
export function headerRegions(lang: Lang): Promise<HeaderRegion[]> {
  let regions = headerCache.get(lang);
  if (!regions) {
    regions = getCollection('regions').then((all) => all.map((r) => ({ id: r.id, ...pick(lang, r.data.shortName) })));
    headerCache.set(lang, regions);
  }
  return regions;
}
