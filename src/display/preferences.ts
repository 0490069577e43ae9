/**
 * Display preferences (text size, contrast, line spacing, motion): parsed from and written
 * to one cookie, and turned into the small per-visitor stylesheet served at /display.css.
 * Pure: used by the server endpoint, the settings page and the <tx-display-settings> island.
 */

/** Cookie that holds the preferences; readable by JS so the island can reflect it. */
export const DISPLAY_COOKIE = 'tx-display';
/** Kept one year (privacy notice). */
export const DISPLAY_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

export const OPTIONS = {
  /** Three steps of text size. */
  textSize: ['standard', 'large', 'larger'],
  /** `system` follows prefers-contrast and prefers-color-scheme. */
  contrast: ['system', 'standard', 'high'],
  lineSpacing: ['standard', 'wide'],
  /** `system` follows prefers-reduced-motion. */
  motion: ['system', 'reduce'],
} as const;

export type DisplayPreferences = { -readonly [K in keyof typeof OPTIONS]: (typeof OPTIONS)[K][number] };
export type PreferenceName = keyof DisplayPreferences;
export const PREFERENCE_NAMES = Object.keys(OPTIONS) as PreferenceName[];

export const DEFAULTS: DisplayPreferences = {
  textSize: 'standard',
  contrast: 'system',
  lineSpacing: 'standard',
  motion: 'system',
};

const isOption = <K extends PreferenceName>(name: K, value: unknown): value is DisplayPreferences[K] =>
  typeof value === 'string' && (OPTIONS[name] as readonly string[]).includes(value);

/** Reads a cookie value like `textSize=large&contrast=high`. Unknown or bad parts are ignored. */
export function parsePreferences(cookieValue: string | undefined | null): DisplayPreferences {
  const prefs = { ...DEFAULTS };
  if (!cookieValue) return prefs;
  const params = new URLSearchParams(cookieValue);
  for (const name of PREFERENCE_NAMES) {
    const value = params.get(name);
    if (isOption(name, value)) (prefs as Record<PreferenceName, string>)[name] = value;
  }
  return prefs;
}

/** Validates submitted form fields. Returns the preferences, or the names of invalid fields. */
export function readPreferencesForm(
  get: (name: string) => unknown,
): { ok: true; prefs: DisplayPreferences } | { ok: false; invalid: PreferenceName[] } {
  const prefs = { ...DEFAULTS };
  const invalid: PreferenceName[] = [];
  for (const name of PREFERENCE_NAMES) {
    const value = get(name);
    if (value === null || value === undefined || value === '') continue;
    if (isOption(name, value)) (prefs as Record<PreferenceName, string>)[name] = value;
    else invalid.push(name);
  }
  return invalid.length ? { ok: false, invalid } : { ok: true, prefs };
}

/** Cookie value: only the preferences that differ from the defaults, or '' for none. */
export function serializePreferences(prefs: DisplayPreferences): string {
  const params = new URLSearchParams();
  for (const name of PREFERENCE_NAMES) if (prefs[name] !== DEFAULTS[name]) params.set(name, prefs[name]);
  return params.toString();
}

/**
 * Colour tokens, defined once per palette in src/styles/global.css as --<palette>-<token>.
 * The page uses --c-<token>; choosing a palette points every --c-<token> at it.
 */
export const COLOUR_TOKENS = [
  'bg', 'surface', 'text', 'muted', 'link', 'link-visited', 'border', 'accent', 'accent-text',
  'focus', 'focus-text', 'notice', 'error',
] as const;

const palette = (name: 'light' | 'high') =>
  COLOUR_TOKENS.map((t) => `--c-${t}:var(--${name}-${t});`).join('') + `color-scheme:${name === 'high' ? 'dark' : 'light'};`;

const TEXT_SCALE: Record<DisplayPreferences['textSize'], number> = { standard: 1, large: 1.25, larger: 1.5 };

/**
 * The per-visitor stylesheet. Empty for the defaults, so the common case is a tiny
 * cacheable response. `:root:root` outranks the media-query palettes in global.css, so a
 * choice made on /settings/ wins over the system preference.
 */
export function preferencesCss(prefs: DisplayPreferences): string {
  const root: string[] = [];
  if (prefs.textSize !== 'standard') root.push(`--text-scale:${TEXT_SCALE[prefs.textSize]};`);
  if (prefs.lineSpacing === 'wide') root.push('--line-height:2;--paragraph-gap:1.5em;--letter-spacing:0.04em;');
  if (prefs.contrast === 'high') root.push(palette('high'));
  if (prefs.contrast === 'standard') root.push(palette('light'));
  const rules: string[] = [];
  if (root.length) rules.push(`:root:root{${root.join('')}}`);
  if (prefs.motion === 'reduce') {
    rules.push(
      '*,*::before,*::after{animation-duration:0s!important;animation-iteration-count:1!important;transition-duration:0s!important;scroll-behavior:auto!important}',
    );
  }
  return rules.join('\n');
}
