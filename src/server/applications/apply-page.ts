/**
 * What every page of an application's journey needs (issue 11 point 3): the form from the
 * route, the regions offering it, today's date, the journey, this process's database and key,
 * and the visitor's draft, found by the draft id in the `tx-apply` cookie. The draft holds the
 * journey's state; every Continue saves it (drafts.ts), so nothing up to the last Continue is
 * lost to a timeout or a closed browser. Pages stay thin: read the request, call this and the
 * domain, render.
 */
import type { AstroGlobal, AstroCookies } from 'astro';
import type { Kysely } from 'kysely';
import { regionData } from '../../catalogue/regions';
import { langFromParam, localePath, useTranslations, type Lang, type Translate } from '../../i18n';
import { formById } from '../../domain/applications/forms';
import type { ApplicationForm } from '../../domain/applications/form';
import { applicationJourney, emptyApplication, fromSelfCheck, type SelfCheckAnswers, type ApplicationJourney, type ApplicationState } from '../../domain/applications/journey';
import type { RegionData } from '../../domain/eligibility';
import { todayInChina } from '../http/clock';
import { secretKey } from '../http/secret-key';
import { holdsRecords } from '../http/security-headers';
import { database } from '../db/connection';
import type { Database } from '../db/schema';
import { DEFAULT_DRAFT_POLICY, createDraft, draftById, saveDraft, type Draft } from './drafts';

export const DRAFT_COOKIE = 'tx-apply';

/** What the island saved of a page as typed, before its Continue: each field's value (a list for checkboxes). */
export type TypedFields = Record<string, string | string[]>;

/**
 * What a draft keeps: the journey's state, and what was typed on pages not yet continued from
 * (the island saves it as the person types, so closing the browser loses nothing).
 */
interface DraftData {
  state: ApplicationState;
  typed?: Record<string, TypedFields>;
}

/** What was typed, without `step`'s. */
const without = (typed: DraftData['typed'], step?: string) => Object.fromEntries(Object.entries(typed ?? {}).filter(([id]) => id !== step));

export const applyPath = (lang: Lang, form: string, step?: string): string => localePath(lang, step ? `/apply/${form}/${step}` : `/apply/${form}/`);

/** The regions offering a form, in the catalogue's order. */
export const regionsOffering = (regions: ReadonlyMap<string, RegionData>, form: ApplicationForm): RegionData[] =>
  [...regions.values()].filter((r) => form.services.some((s) => r.services.includes(s)));

export function setDraftCookie(cookies: AstroCookies, id: string, secure: boolean): void {
  cookies.set(DRAFT_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: DEFAULT_DRAFT_POLICY.keepDays * 24 * 60 * 60 });
}

export function clearDraftCookie(cookies: AstroCookies, secure: boolean): void {
  cookies.delete(DRAFT_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export interface ApplyPage {
  lang: Lang;
  t: Translate;
  form: ApplicationForm;
  regions: RegionData[];
  asOf: string;
  journey: ApplicationJourney;
  db: Kysely<Database>;
  key: Buffer;
  /** The visitor's draft of this form, if they have one. */
  draft?: Draft;
  /** The visitor's draft of another form, if that is what the cookie holds. */
  otherDraft?: Draft;
  state: ApplicationState;
  /** What was typed on each page not yet continued from, by step id. */
  typed: Record<string, TypedFields>;
  path: (step?: string) => string;
  /** Saves the state into the draft (every Continue), dropping what was typed on `step`; false if the draft has gone. */
  save: (state: ApplicationState, step?: string) => Promise<boolean>;
  /** Saves what is typed on `step` without reading it (the island's autosave); false if the draft has gone. */
  saveTyped: (step: string, fields: TypedFields) => Promise<boolean>;
  /** Starts a new draft of this form, with what the visitor's self-check already answered (`check`), and points the cookie at it. */
  start: (check?: SelfCheckAnswers) => Promise<Draft & { state: ApplicationState }>;
  secure: boolean;
}

/** The opening of every page of an application: the language and form from the route (unknown ones are the 404 page). */
export async function openApplyPage(Astro: AstroGlobal): Promise<ApplyPage | Response> {
  const lang = langFromParam(Astro.params.lang);
  const form = formById(Astro.params.form ?? '');
  if (!lang || !form) return Astro.rewrite('/404');
  // Answers are personal: never cached, by the back-forward cache included.
  holdsRecords(Astro.response.headers);
  const all = await regionData();
  const regions = regionsOffering(all, form);
  const asOf = todayInChina();
  const journey = applicationJourney(
    form,
    regions.map((r) => r.id),
    asOf,
  );
  const db = await database();
  const key = secretKey();
  const now = Date.now();
  const id = Astro.cookies.get(DRAFT_COOKIE)?.value;
  const found = id && /^[0-9a-f-]{36}$/.test(id) ? await draftById(db, id, now) : undefined;
  const draft = found?.form === form.id ? found : undefined;
  const otherDraft = found && found.form !== form.id ? found : undefined;
  const state = draft ? ((draft.data as DraftData).state ?? emptyApplication()) : emptyApplication();
  const typed = (draft?.data as DraftData | undefined)?.typed ?? {};

  const secure = Astro.url.protocol === 'https:';
  return {
    lang,
    t: useTranslations(lang),
    form,
    regions,
    asOf,
    journey,
    db,
    key,
    ...(draft && { draft }),
    ...(otherDraft && { otherDraft }),
    state,
    typed,
    path: (step) => applyPath(lang, form.id, step),
    secure,
    // Each builds on what the draft holds when it is written, so a Continue and an autosave at once both stand.
    save: async (next, step) => (draft ? (await saveDraft(db, draft.id, (kept) => ({ state: next, typed: without((kept as DraftData).typed, step) }) satisfies DraftData, Date.now())) !== undefined : false),
    saveTyped: async (step, fields) =>
      draft ? (await saveDraft(db, draft.id, (kept) => ({ ...(kept as DraftData), typed: { ...without((kept as DraftData).typed, step), [step]: fields } }) satisfies DraftData, Date.now())) !== undefined : false,
    start: async (check) => {
      // What the self-check already answered is not asked again (WCAG 3.3.7).
      const first = check
        ? fromSelfCheck(
            form,
            regions.map((r) => r.id),
            check,
            { asOf },
          )
        : emptyApplication();
      // The check (the person's birth date) is set when a resume code is first asked for.
      const made = await createDraft(db, key, { form: form.id, lang, birthDate: 'none', data: { state: first } satisfies DraftData }, Date.now());
      setDraftCookie(Astro.cookies, made.id, secure);
      return { id: made.id, form: form.id, lang, data: { state: first }, state: first, updatedAt: new Date().toISOString(), expiresAt: made.expiresAt };
    },
  };
}

/** The fields of a posted form, or null when the body is not a readable form. */
export const postedForm = (Astro: AstroGlobal): Promise<FormData | null> => Astro.request.formData().catch(() => null);
