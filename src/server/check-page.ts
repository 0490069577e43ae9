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
import { todayInChina } from './eligibility-input';

export const stepPath = (lang: Lang, step: Step | 'start' | 'results'): string =>
  localePath(lang, step === 'start' ? '/check/' : `/check/${step}`);

export async function checkContext(Astro: AstroGlobal, lang: Lang) {
  const opened = readState(Astro.cookies);
  const state: CheckState = opened.status === 'ok' ? opened.state : emptyState();
  const regions = await regionData();
  const asOf = todayInChina();
  const secure = Astro.url.protocol === 'https:';
  // Answers are personal: never cached, by the browser's back-forward cache included.
  Astro.response.headers.set('Cache-Control', 'private, no-store');
  const next = nextStep(state, regions, asOf);
  const path = (step: Step | 'start' | 'results') => stepPath(lang, step);
  /** The answers are gone (expired, or altered and refused): the start page says so. */
  const lost = opened.status === 'expired' || opened.status === 'invalid';
  return {
    opened,
    lost,
    state,
    regions,
    asOf,
    next,
    /** For the summary and the results: where to go instead while a question is left. */
    unfinished: (): string | undefined => (lost ? path('start') : next !== 'summary' ? path(next) : undefined),
    save: (s: CheckState) => writeState(Astro.cookies, s, secure),
    clear: () => clearState(Astro.cookies, secure),
    path,
  };
}

/** The form body of a POST, or null when it is not a readable form. */
export const formBody = (Astro: AstroGlobal): Promise<FormData | null> => Astro.request.formData().catch(() => null);
