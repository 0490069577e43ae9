/**
 * Zod schemas for every content collection. They take Astro's `reference` as an argument
 * so the same definitions run in the content build (src/content.config.ts) and in plain
 * vitest unit tests (with a string stand-in for references).
 */
import { z } from 'astro/zod';
import { DISABILITY_CATEGORIES } from '../domain/identity';
import type { Household } from '../domain/eligibility/criteria';

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

  const region = z.strictObject({
    /** Full name, e.g. 湖南省长沙市雨花区. */
    name: localized,
    /** Short name for menus, e.g. 雨花区（长沙）. */
    shortName: localized,
    /** Province, for grouping. */
    province: localized,
    /** The local Disabled Persons' Federation by name; no invented address or phone. */
    dpf: localized,
    /** Where the region's facts come from. */
    sources: z.array(citation).default([]),
    /**
     * The region's choices where the national framework lets it decide (src/domain/eligibility
     * RegionRules). Each is required, so a new county states them or writes `unknown`: the
     * self-check then tells the people those choices would decide to ask 12385 or the DPF.
     */
    eligibility: z.strictObject({
      /** Households beyond 低保 the living subsidy is extended to, e.g. [low-income]. */
      livingSubsidyExtendedTo: orUnknown(z.array(z.enum(['low-income', 'tekun', 'registered-poor'] satisfies Household[]))),
      /** Categories at levels 3-4 the nursing subsidy is extended to, e.g. [{ category: intellectual, maxLevel: 3 }]. */
      nursingSubsidyExtendedTo: orUnknown(
        z.array(z.strictObject({ category: z.enum(DISABILITY_CATEGORIES), maxLevel: z.union([z.literal(3), z.literal(4)]) })),
      ),
      /** Oldest age for children's rehabilitation assistance (national framework: 6). */
      childRehabilitationMaxAge: orUnknown(z.number().int().min(6).max(17)),
    }),
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
    kind: z.enum(['news-report', 'law', 'state-council-document', 'local-document']),
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

  const page = z.strictObject({ ...prose, demo: z.boolean().default(false) });

  return { service, region, source, video, policy, news, page, citation, amount, localized };
}
