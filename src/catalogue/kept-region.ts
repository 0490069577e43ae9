/**
 * 你的地区 The region a visitor chose (in the header or the catalogue's filter), kept in a cookie
 * for a year, as the privacy notice says. The catalogue opens on it; every page shows it in the
 * header, also the static ones: the header holds one hidden line per region, and the per-visitor
 * /display.css (linked from every page for a visitor with this cookie: server/http/display-link.ts)
 * shows the kept one. No script, and the reading pages stay static.
 */
export const REGION_COOKIE = 'tx-region';
export const REGION_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The kept region's id, when the cookie names a region in `known`; otherwise none. */
export function readKeptRegion(value: string | undefined | null, known: ReadonlySet<string>): string | undefined {
  return value && ID.test(value) && known.has(value) ? value : undefined;
}

/** The stylesheet lines that show the header's line for the kept region (an id checked by readKeptRegion). */
export function keptRegionCss(id: string | undefined): string {
  if (!id || !ID.test(id)) return '';
  return `/* Your region */\np.kept-region[data-region="${id}"] { display: block; }\n`;
}
