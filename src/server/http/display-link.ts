/**
 * Which visitors get the per-visitor stylesheet `/display.css` linked from a page: those whose
 * request carries a display setting (`tx-display`, src/display/preferences.ts) or a kept region
 * (`tx-region`, src/catalogue/kept-region.ts). Nobody else needs it, so nobody else waits for it
 * before the first paint. Used by the front door for prerendered pages (static-files.ts) and by
 * the page layout for on-demand ones. See README "Display settings".
 */

/** The tag added to a page's head. */
export const DISPLAY_STYLESHEET = '<link rel="stylesheet" href="/display.css">';

/** The cookies that change /display.css (their names are checked against the modules that set them in display-link.test.ts). */
export const DISPLAY_LINK_COOKIES = ['tx-display', 'tx-region'] as const;

const NAMED = new RegExp(`(?:^|;)\\s*(?:${DISPLAY_LINK_COOKIES.join('|')})=`);

/** Whether a request's Cookie header holds a display setting or a kept region. */
export function wantsDisplayStylesheet(cookieHeader: string | null | undefined): boolean {
  return !!cookieHeader && NAMED.test(cookieHeader);
}
