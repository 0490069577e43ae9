/**
 * Regions as the eligibility engine sees them: each region's rules (content/regions
 * `eligibility:`) and the services offered there (content/services `regions:`). Read once per
 * process: content is fixed at build time.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { RegionData } from '../domain/eligibility';

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
