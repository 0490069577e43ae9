/**
 * The region tree as src/catalogue/regions.ts builds it, read straight from content/ for tests
 * that run outside Astro: every node with its dated parameters, and the served regions' engine
 * data. Start dates are YAML dates; they become YYYY-MM-DD keys as the content schema makes them.
 */
import { chainOf, type RegionData, type RegionNode } from '../src/domain/eligibility';
import { yamlEntries } from './content';

type Raw = {
  shortName: { zh: string; en?: string };
  parent?: string;
  sources?: { source: string }[];
  parameters?: Record<string, { values: Record<string, unknown>; reference: { source: string; clause?: string } }>;
};

const dateKey = (key: string) => (/^\d{4}-\d{2}-\d{2}$/.test(key) ? key : new Date(key).toISOString().slice(0, 10));

/** Every node of content/regions, by id. */
export function contentTree(): Map<string, RegionNode> {
  return new Map(
    yamlEntries('regions').map((e) => {
      const d = e.data as Raw;
      const node: RegionNode = {
        id: e.id,
        name: { zh: d.shortName.zh, en: d.shortName.en ?? d.shortName.zh },
        ...(d.parent !== undefined && { parent: d.parent }),
        sources: (d.sources ?? []).map((s) => s.source),
        parameters: Object.fromEntries(
          Object.entries(d.parameters ?? {}).map(([name, p]) => [
            name,
            { reference: p.reference, values: Object.fromEntries(Object.entries(p.values).map(([k, v]) => [dateKey(k), v])) },
          ]),
        ) as RegionNode['parameters'],
      };
      return [e.id, node];
    }),
  );
}

/** The served regions (some service is offered there) with their chains and services, as the portal builds them. */
export function contentRegions(tree = contentTree()): Map<string, RegionData> {
  const services = yamlEntries('services').map((s) => ({ id: s.id, regions: (s.data.regions as string[]) ?? [] }));
  const served = [...tree.keys()].filter((id) => services.some((s) => s.regions.includes(id))).sort();
  return new Map(
    served.map((id) => [id, { id, chain: chainOf(tree, id), services: services.filter((s) => s.regions.includes(id)).map((s) => s.id).sort() }]),
  );
}
