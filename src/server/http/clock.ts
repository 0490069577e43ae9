/**
 * The server's clock: today's date in China, the date answers are judged on (the pages and
 * the API's default `asOf`). The domain never reads a clock (CONVENTIONS.md 7); this is where
 * the date comes in.
 */

/** Made once: building an Intl formatter costs more than the check it dates. */
const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in China (Asia/Shanghai), YYYY-MM-DD. */
export function todayInChina(now: Date = new Date()): string {
  const parts = CHINA_DATE.formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A time of day in China, as a lock's or a limit's end is told ("14:05"), in the page's language. */
export const timeOfDay = (lang: 'zh-CN' | 'en', iso: string): string =>
  new Date(iso).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
