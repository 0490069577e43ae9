/**
 * What every self-check page needs: the visitor's state from the cookie, the regions, today's
 * date, the journey, the step URLs, and the check (every rule, run once per request and only
 * when asked for). Pages stay thin (ARCHITECTURE.md): read the request, call this and the
 * domain, render.
 */
import type { AstroGlobal } from 'astro';
import { regionData } from '../../catalogue/regions';
import { langFromParam, localePath, useTranslations, type Lang, type Translate } from '../../i18n';
import { checkIn, type Check } from '../../domain/eligibility';
import { emptyState, selfCheckJourney, type CheckState, type Step } from '../../domain/eligibility/self-check';
import { todayInChina } from '../http/clock';
import { clearState, readState, writeState } from './session';

export const stepPath = (lang: Lang, step: Step | 'start' | 'results'): string =>
  localePath(lang, step === 'start' ? '/check/' : `/check/${step}`);

/** The fields of a posted form, or null when the body is not a readable form. */
export const formFields = (Astro: AstroGlobal): Promise<FormData | null> => Astro.request.formData().catch(() => null);

export async function checkContext(Astro: AstroGlobal, lang: Lang) {
  const opened = readState(Astro.cookies);
  const state: CheckState = opened.status === 'ok' ? opened.state : emptyState();
  const regions = await regionData();
  const asOf = todayInChina();
  const secure = Astro.url.protocol === 'https:';
  // Answers are personal: never cached, by the browser's back-forward cache included.
  Astro.response.headers.set('Cache-Control', 'private, no-store');
  const journey = selfCheckJourney(regions, asOf);
  let made: Check | undefined;
  /** Every rule for the state read from the cookie: run at most once per request. */
  const check = (): Check => (made ??= checkIn(regions.get(state.region!)!, state.answers, asOf, state.skipped));
  const path = (step: Step | 'start' | 'results') => stepPath(lang, step);
  /** The answers are gone (expired, or altered and refused): the start page says so. */
  const lost = opened.status === 'expired' || opened.status === 'invalid';
  return {
    opened,
    lost,
    state,
    regions,
    asOf,
    journey,
    check,
    /** The step to show for the state read from the cookie. */
    next: (): Step => journey.nextFrom(state, check),
    /** For the summary and the results: where to go instead while a question is left. */
    unfinished(): string | undefined {
      if (lost) return path('start');
      const next = journey.nextFrom(state, check);
      return next !== 'summary' ? path(next) : undefined;
    },
    save: (s: CheckState) => writeState(Astro.cookies, s, secure),
    clear: () => clearState(Astro.cookies, secure),
    path,
  };
}

export type CheckContext = Awaited<ReturnType<typeof checkContext>>;

/** What every self-check page starts with: its language, its strings and the context. */
export interface CheckPage {
  lang: Lang;
  t: Translate;
  ctx: CheckContext;
}

/**
 * The opening of every self-check page, in one place: the language from the route (an unknown
 * one is the 404 page), the context, and for the summary and the results (`finished`) a 303 to
 * the step still to answer, or to the start page when the answers are gone.
 */
export async function openCheckPage(Astro: AstroGlobal, { finished = false } = {}): Promise<CheckPage | Response> {
  const lang = langFromParam(Astro.params.lang);
  if (!lang) return Astro.rewrite('/404');
  const ctx = await checkContext(Astro, lang);
  const away = finished ? ctx.unfinished() : undefined;
  if (away) return Astro.redirect(away, 303);
  return { lang, t: useTranslations(lang), ctx };
}
