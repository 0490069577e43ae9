/**
 * The content report: for every service, which parts exist in which language, whether it has
 * a sign-language video, how many sources it cites, and which sections are marked unknown.
 * Pure, over a service's data as written in YAML, so `npm run content:report` (plain Node)
 * and the maintainers' page (/content-report/) share it.
 */
// The .ts extension lets plain Node (type stripping) load this module too.
import { localizedFields, unknownFields } from './fields.ts';

/** A service's data, as far as the report reads it. */
export interface ReportInput {
  id: string;
  data: Record<string, unknown>;
}

export interface ReportRow {
  id: string;
  title: string;
  /** Localized texts with no English, by field path. */
  missingEnglish: string[];
  /** Easy-read sections. */
  easyReadSections: number;
  /** Easy-read texts with no English. */
  easyReadMissingEnglish: number;
  hasVideo: boolean;
  sources: number;
  /** Sections marked `unknown`, by field path. */
  unknowns: string[];
}

export function reportRow({ id, data }: ReportInput): ReportRow {
  const { easyRead, ...rest } = data;
  const missing = [...localizedFields(rest)].filter(([, t]) => typeof t.en !== 'string').map(([p]) => p);
  const easy = Array.isArray(easyRead) ? easyRead : [];
  const easyMissing = [...localizedFields(easy)].filter(([, t]) => typeof t.en !== 'string').length;
  return {
    id,
    title: (data.title as { zh: string }).zh,
    missingEnglish: missing,
    easyReadSections: easy.length,
    easyReadMissingEnglish: easyMissing,
    hasVideo: typeof data.signVideo === 'string' || (typeof data.signVideo === 'object' && data.signVideo !== null),
    sources: Array.isArray(data.sources) ? data.sources.length : 0,
    unknowns: [...unknownFields(data)],
  };
}

/** Counts across the catalogue, for the report's summary line. */
export function reportTotals(rows: ReportRow[]) {
  return {
    services: rows.length,
    fullyTranslated: rows.filter((r) => r.missingEnglish.length === 0 && r.easyReadMissingEnglish === 0).length,
    withEasyRead: rows.filter((r) => r.easyReadSections > 0).length,
    withVideo: rows.filter((r) => r.hasVideo).length,
    unknownSections: rows.reduce((n, r) => n + r.unknowns.length, 0),
  };
}

const mark = (ok: boolean) => (ok ? 'yes' : 'NO');

/** The report as a plain-text table (printed by `npm run content:report`). */
export function reportText(rows: ReportRow[]): string {
  const header = ['service', 'zh', 'en', 'easy-read zh', 'easy-read en', 'sign video', 'sources', 'unknown sections'];
  const body = rows.map((r) => [
    r.id,
    'yes',
    r.missingEnglish.length ? `NO (${r.missingEnglish.length})` : 'yes',
    r.easyReadSections ? `yes (${r.easyReadSections})` : 'NO',
    r.easyReadSections && !r.easyReadMissingEnglish ? 'yes' : `NO (${r.easyReadMissingEnglish})`,
    mark(r.hasVideo),
    String(r.sources),
    r.unknowns.length ? r.unknowns.join(', ') : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const t = reportTotals(rows);
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
    `${t.services} services; ${t.fullyTranslated} fully in English; ${t.withEasyRead} with easy read; ${t.withVideo} with a sign-language video; ${t.unknownSections} sections marked unknown (each tells the reader to call 12385 or ask the local DPF).`,
  ].join('\n');
}
