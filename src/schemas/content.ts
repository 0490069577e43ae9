/**
 * Zod schemas for every content collection. They take Astro's `reference` as an argument
 * so the same definitions run in the content build (src/content.config.ts) and in plain
 * vitest unit tests (with a string stand-in for references).
 */
import { z } from 'astro/zod';
import { DISABILITY_CATEGORIES } from '../domain/identity';
import { LEVELS } from '../domain/eligibility/questions';
import type { ParameterName } from '../domain/eligibility/regions';
import { FORM_IDS } from '../domain/applications/forms';

/** 服务类别 The seven service categories, in the order the home page lists them. */
export const SERVICE_CATEGORIES = [
  'living', // 生活保障
  'rehabilitation', // 康复
  'education', // 教育
  'employment', // 就业创业
  'accessibility-housing', // 无障碍与住房
  'rights', // 权益维护
  'documents', // 证件
] as const;
export type Category = (typeof SERVICE_CATEGORIES)[number];

const text = z.string().trim().min(1, 'must not be empty');

/**
 * Text in both languages. `en` may be missing only while a translation is pending: the
 * English page then shows the Chinese text marked lang="zh-CN" under a visible notice, and
 * `npm run content:report` lists the gap. It never falls back silently.
 */
export const localized = z.strictObject({
  /** Simplified Chinese (the source language). */
  zh: text,
  /** English, following shared/domain/GLOSSARY.md. */
  en: text.optional(),
});
export type Localized = z.infer<typeof localized>;

/**
 * The literal `unknown`: the sources do not say. The page shows "we do not know yet" and
 * the route to ask (12385, the local DPF); the content report counts it.
 */
export const UNKNOWN = 'unknown' as const;
export const orUnknown = <T extends z.ZodType>(schema: T) => z.union([schema, z.literal(UNKNOWN)]);
export type OrUnknown<T> = T | typeof UNKNOWN;

/** ISO date, YYYY-MM-DD. YAML parses an unquoted date into a Date; it is turned back into text. */
export const isoDate = z.union([
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
  z.date().transform((d) => d.toISOString().slice(0, 10)),
]);

/** A start date as a YAML key: YAML keeps unquoted date keys as text. */
const isoDateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');

/**
 * A YAML mapping keyed by dates: Astro's YAML loader turns an unquoted date key into a Date and
 * then into that Date's long text ("Thu Apr 14 2016 …"); this turns such a key back into
 * YYYY-MM-DD, so a region file can write `2016-04-14:` as openfisca's parameters do.
 */
function dateKeysAsText(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return [key, v];
      const date = new Date(key);
      return [Number.isNaN(date.getTime()) ? key : date.toISOString().slice(0, 10), v];
    }),
  );
}

/** An entry id in the YAML that resolves to a reference to an entry of collection C. */
type Ref<C extends string> = z.ZodType<{ collection: C; id: string }, string>;
/**
 * A schema for a reference to each collection: Astro's reference(), or a stand-in in tests.
 * The output type is spelt out because inferring it from reference() is circular (its type
 * comes from the schemas being defined here) and TypeScript would give up with `unknown`.
 */
export interface References {
  regions: Ref<'regions'>;
  sources: Ref<'sources'>;
  videos: Ref<'videos'>;
}

export function makeSchemas(ref: References) {
  /**
   * A fact's origin: which source and, where the project holds the source's text
   * (content/sources/texts), the exact sentence quoted from it. A quote from a source
   * whose text we do not hold cannot be checked, so tests refuse it.
   */
  const citation = z.strictObject({
    /** The source document (content/sources). */
    source: ref.sources,
    /** The exact sentence, copied from the source text; tests check it appears there. */
    quote: text.optional(),
  });
  /** A citation that must quote its sentence (for amounts and counts). */
  const quotedCitation = citation.required({ quote: true });

  /**
   * An amount the service pays or covers, with the source's exact sentence beside it.
   * `figure` must appear, character for character, in `quote` (tested).
   */
  const amount = z.strictObject({
    /** The region the amount applies in. */
    region: ref.regions,
    /** The figure as the source writes it, e.g. "480元". */
    figure: text,
    /** What the figure means, in plain words. */
    label: localized,
    /** Where it comes from, with the exact sentence. */
    citation: quotedCitation,
  });

  const service = z.strictObject({
    /** Page title: the service's usual name. */
    title: localized,
    /**
     * The name in a list whose context already says who it is for (the self-check's results):
     * "Nursing subsidy", where the title says "… for severely disabled people". Per language;
     * the title stands where it is not given.
     */
    shortTitle: z.strictObject({ zh: text.optional(), en: text.optional() }).optional(),
    /** One of SERVICE_CATEGORIES. */
    category: z.enum(SERVICE_CATEGORIES),
    /** Regions (content/regions) where the service is offered. */
    regions: z.array(ref.regions).min(1, 'list at least one region'),
    /** Two or three sentences: what it is, who it is for. */
    summary: localized,
    /**
     * Whether the sources say a disability certificate (残疾人证) is needed. When true, the page
     * links to the disability-certificate service: the gateway to the others.
     */
    requiresCertificate: z.boolean(),
    /**
     * The online application form that applies for it (src/domain/applications/forms.ts), if
     * there is one; the form lists this service among its own (checked by tests/unit/content.test.ts).
     */
    form: z.enum(FORM_IDS).optional(),
        /** 谁可以申请 Who can get it: one condition per item. */
    eligibility: orUnknown(z.array(localized).min(1)),
    /** 可以得到什么 What you get: a description, and any amounts with their source sentence. */
    benefits: orUnknown(
      z.strictObject({ description: localized, amounts: z.array(amount).default([]) }),
    ),
    /** 需要准备的材料 What to bring. */
    materials: orUnknown(z.array(localized).min(1)),
    /** 如何申请 How to apply. */
    apply: z.strictObject({
      /** Steps in order. */
      steps: orUnknown(z.array(localized).min(1)),
      /** Where to apply. Office names only: never an invented address or phone number. */
      where: orUnknown(localized),
      /** Time limits, where the sources give them. */
      timeLimits: orUnknown(localized),
      /** Who may apply on the person's behalf. */
      onBehalf: orUnknown(localized),
    }),
    /** 谁来决定 Who reviews and decides. */
    decision: orUnknown(localized),
    /** 如何投诉或申诉 How to complain or appeal. */
    appeal: orUnknown(localized),
    /**
     * Policy documents the service rests on (content/policies slugs), or `unknown` where the
     * sources describe the service without naming the document.
     */
    policies: orUnknown(z.array(text).min(1, 'name the policy the service rests on, or write unknown')),
    /** Where the page's facts come from, each with the sentence it rests on. */
    sources: z.array(citation).min(1, 'cite at least one source'),
    /** 易读版 Easy-read version: questions as headings, short answers. */
    easyRead: z
      .array(z.strictObject({ question: localized, answer: z.array(localized).min(1) }))
      .min(3, 'an easy-read version needs at least three questions'),
    /** Sign-language video (content/videos), when one has been made. */
    signVideo: ref.videos.optional(),
    /** Sample data: shown with a visible "示例 / Sample" label. */
    demo: z.boolean().default(false),
  });

  /** Where a regional value comes from: a source and, where we quote it, the clause id. */
  const clauseReference = z.strictObject({
    /** The source document (content/sources). */
    source: ref.sources,
    /** A clause id in that source's `clauses` (tested to exist). */
    clause: text.optional(),
  });
  /**
   * A dated parameter, openfisca style: values keyed by start date (YYYY-MM-DD), each the value
   * that holds from that day, or `unknown` where this level is known to decide and our sources
   * do not say how. The rules read the value at the date of the check.
   */
  const dated = <T extends z.ZodType>(value: T) =>
    z.strictObject({
      /** What the parameter means, in plain words. */
      description: text,
      /** The clause the values rest on. */
      reference: clauseReference,
      /** Unit, where it has one (e.g. years). */
      unit: text.optional(),
      /** Values by start date. */
      values: z.preprocess(dateKeysAsText, z.record(isoDateKey, orUnknown(value))).refine((v) => Object.keys(v).length > 0, 'give at least one dated value'),
    });
  const categoryOrAny = z.enum([...DISABILITY_CATEGORIES, 'any']);
  /** Every parameter a rule reads (src/domain/eligibility/regions.ts ParameterTypes), with its value's schema. */
  const parameters = z.strictObject({
    'livingSubsidy.extendedTo': dated(z.array(z.enum(['low-income', 'tekun', 'registered-poor']))).optional(),
    'livingSubsidy.allHouseholdsUpToLevel': dated(z.union(LEVELS.map((n) => z.literal(n)))).optional(),
    'nursingSubsidy.maxLevel': dated(z.union(LEVELS.map((n) => z.literal(n)))).optional(),
    'nursingSubsidy.needsLongTermCare': dated(z.boolean()).optional(),
    'nursingSubsidy.extendedTo': dated(z.array(z.strictObject({ category: categoryOrAny, maxLevel: z.union([z.literal(3), z.literal(4)]) }))).optional(),
    'childRehabilitation.baseMaxAge': dated(z.number().int().min(0).max(17)).optional(),
    'childRehabilitation.maxAge': dated(z.number().int().min(6).max(17)).optional(),
    'childRehabilitation.maxAgeForSomeItems': dated(z.number().int().min(6).max(17)).optional(),
    'childRehabilitation.allFamilies': dated(z.boolean()).optional(),
    'residentsPension.minAge': dated(z.number().int().min(0).max(100)).optional(),
    'work.minAge': dated(z.number().int().min(0).max(100)).optional(),
  } satisfies Record<ParameterName, z.ZodType>);

  const region = z.strictObject({
    /** Full name, e.g. 湖南省长沙市雨花区. */
    name: localized,
    /** Short name for menus and for "雨花区的资料没有说明", e.g. 长沙市雨花区. */
    shortName: localized,
    /** 层级 The level in the region tree. */
    level: z.enum(['nation', 'province', 'city', 'district', 'county']),
    /** The region above (content/regions id); only the nation has none (tested). */
    parent: text.optional(),
    /** The local Disabled Persons' Federation by name; no invented address or phone. */
    dpf: localized,
    /** Where the region's facts come from. */
    sources: z.array(citation).default([]),
    /**
     * Choices and figures the rules read, stated at this level: each holds for every region
     * below unless a lower level states its own (src/domain/eligibility/regions.ts). A choice
     * no level states is not known, and the self-check tells the people it would decide to ask.
     */
    parameters: parameters.default({}),
    demo: z.boolean().default(false),
  });

  const source = z.strictObject({
    /** Title as published. */
    title: text,
    /** Publisher, e.g. 中国残疾人网. */
    publisher: localized,
    /** Publication date, where known. */
    date: isoDate.optional(),
    /** The document number, for official documents (e.g. 国发〔2015〕52号). */
    documentNumber: text.optional(),
    /** A copy of the text in content/sources/texts/, against which quotes are checked. */
    textFile: text.optional(),
    /** What kind of source. */
    kind: z.enum([
      'news-report',
      'law',
      'administrative-regulation',
      'judicial-interpretation',
      'state-council-document',
      'department-document',
      'provincial-document',
      'local-document',
    ]),
    /** The address of the copy we read the text and quotes in. */
    url: z.url().optional(),
    /** The copy read is not the issuing body's own publication (nor www.gov.cn): a reprint. */
    reprint: z.boolean().default(false),
    /**
     * The clauses the rules and pages rest on, each quoted word for word from `textFile`
     * (tested), so a criterion can name the very sentence that decides it (`source#clause`).
     */
    clauses: z
      .array(
        z.strictObject({
          /** Unique in the source, kebab-case. */
          id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case'),
          /** Where it stands in the document, e.g. 第五十条 / Article 50. */
          label: localized,
          /** The clause, exactly as in the text file. */
          quote: text,
          /** The copy this clause was read in, where it is not the source's `url` (the text file says which part came from where). */
          url: z.url().optional(),
        }),
      )
      .default([]),
  });

  const video = z.strictObject({
    /** What the video explains. */
    title: localized,
    /** 手语演示者 The signer's name, as they wish to be credited. */
    signer: localized,
    /** Path under public/, e.g. /videos/sample.mp4 */
    file: z.string().regex(/^\/videos\/[\w.-]+\.mp4$/, 'must be a path like /videos/name.mp4'),
    /** Poster frame under public/. */
    poster: z.string().regex(/^\/videos\/[\w.-]+\.jpg$/).optional(),
    /** Chinese captions (WebVTT) under public/. */
    captions: z.string().regex(/^\/videos\/[\w.-]+\.vtt$/, 'must be a path like /videos/name.vtt'),
    /** Length in seconds (measured by the script that made or imported the file). */
    durationSeconds: z.number().positive(),
    /** File size in bytes (measured, not typed). */
    bytes: z.number().int().positive(),
    /** Full transcript, matching the captions. */
    transcript: localized,
    /** A sample that exercises the player, not a real sign-language explanation. */
    sample: z.boolean().default(false),
    demo: z.boolean().default(false),
  });

  /** Front matter of the Markdown collections (policies, news, pages), one file per language. */
  const prose = {
    /** Page title. */
    title: text,
    /** One or two sentences for lists and meta description. */
    summary: text,
  };

  const policy = z.strictObject({
    ...prose,
    /** 发文字号, where the document has one. */
    documentNumber: text.optional(),
    /** Issuing body. */
    issuer: text,
    /** national, or the region it applies in. */
    scope: z.union([z.literal('national'), ref.regions]),
    /** Date issued, where known. */
    date: isoDate.optional(),
    /** Sources for what this summary says. */
    sources: z.array(citation).min(1),
    /** Sign-language video, when one has been made. */
    signVideo: ref.videos.optional(),
    demo: z.boolean().default(false),
  });

  const news = z.strictObject({
    ...prose,
    /** Date of the report retold; where our copy gives none, the date the story was added (the story says so). */
    date: isoDate,
    /** Services the story mentions (ids). */
    services: z.array(text).default([]),
    sources: z.array(citation).min(1),
    demo: z.boolean().default(false),
  });

  const page = z.strictObject({
    ...prose,
    /** A sample video (`sample: true`) shown as a demonstration of the sign-language player, labelled so (tested). */
    playerDemo: ref.videos.optional(),
    demo: z.boolean().default(false),
  });

  return { service, region, source, video, policy, news, page, citation, amount, localized };
}
