/**
 * What every self-check page needs: the visitor's state from the cookie, the regions, today's
 * date, and the step URLs. Pages stay thin (ARCHITECTURE.md): read the request, call this and
 * the domain, render.
 */
import type { AstroGlobal } from 'astro';
import { regionData } from '../catalogue/regions';
import { localePath, type Lang } from '../i18n';
import { emptyState, nextStep, type CheckState, type Step } from '../domain/eligibility/flow';
import { clearState, readState, writeState } from './check-session';

/** Today in China (YYYY-MM-DD): the date answers are judged on. */
const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
export const today = (): string => CHINA_DATE.format(Date.now());

export const stepPath = (lang: Lang, step: Step | 'start' | 'results'): string =>
  localePath(lang, step === 'start' ? '/check/' : `/check/${step}`);

export async function checkContext(Astro: AstroGlobal, lang: Lang) {
  const opened = readState(Astro.cookies);
  const state: CheckState = opened.status === 'ok' ? opened.state : emptyState();
  const regions = await regionData();
  const asOf = today();
  const secure = Astro.url.protocol === 'https:';
  // Answers are personal: never cached, by the browser's back-forward cache included.
  Astro.response.headers.set('Cache-Control', 'private, no-store');
  return {
    opened,
    state,
    regions,
    asOf,
    next: nextStep(state, regions, asOf),
    save: (s: CheckState) => writeState(Astro.cookies, s, secure),
    clear: () => clearState(Astro.cookies, secure),
    path: (step: Step | 'start' | 'results') => stepPath(lang, step),
  };
}

/** The form body of a POST, or null when it is not a readable form. */
export const formBody = (Astro: AstroGlobal): Promise<FormData | null> => Astro.request.formData().catch(() => null);
