/**
 * The content is fact: every entry passes its schema, every quote is found word for word in
 * its source, every stated amount appears in its quoted sentence, and every cross-reference
 * resolves. These run on the files themselves, so a bad edit fails before any page is built.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import { makeSchemas } from '../../src/schemas/content';
import { RULES } from '../../src/domain/eligibility';
import { markdownEntries, sourceText, walk, yamlEntries, type Entry } from '../content';

const ids = (collection: string) =>
  new Set(
    ['policies', 'news', 'pages'].includes(collection)
      ? markdownEntries(collection).map((e) => e.id.split('/')[1])
      : yamlEntries(collection).map((e) => e.id),
  );
/** Stands in for Astro's reference(): the id must exist in that collection. */
const reference = <C extends string>(collection: C) =>
  z
    .string()
    .refine((id) => ids(collection).has(id), { message: `no such entry in ${collection}` })
    .transform((id) => ({ collection, id }));
const schemas = makeSchemas({ regions: reference('regions'), sources: reference('sources'), videos: reference('videos') });

const all: [string, Entry[], z.ZodType][] = [
  ['services', yamlEntries('services'), schemas.service],
  ['regions', yamlEntries('regions'), schemas.region],
  ['sources', yamlEntries('sources'), schemas.source],
  ['videos', yamlEntries('videos'), schemas.video],
  ['policies', markdownEntries('policies'), schemas.policy],
  ['news', markdownEntries('news'), schemas.news],
  ['pages', markdownEntries('pages'), schemas.page],
];

describe.each(all)('%s', (_collection, entries, schema) => {
  it('has entries', () => expect(entries.length).toBeGreaterThan(0));
  it.each(entries.map((e) => [e.id, e] as const))('%s passes its schema', (_id, entry) => {
    const result = schema.safeParse(entry.data);
    expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
  });
});

const cited = [...yamlEntries('services'), ...yamlEntries('regions'), ...markdownEntries('policies'), ...markdownEntries('news')];

describe('facts traced to their sources', () => {
  const citations = cited.flatMap((e) =>
    [...walk(e.data)].filter(([, o]) => typeof o.source === 'string').map(([path, o]) => [`${e.collection}/${e.id} ${path.join('.')}`, o] as const),
  );

  it.each(citations.filter(([, c]) => c.quote !== undefined))('%s quotes its source word for word', (_where, c) => {
    const text = sourceText(c.source as string);
    expect(text, `source ${String(c.source)} has no text file, so its quotes cannot be checked`).toBeDefined();
    expect(text!.includes(c.quote as string), `"${String(c.quote)}" not found in ${String(c.source)}`).toBe(true);
  });

  const amounts = yamlEntries('services').flatMap((s) =>
    ((s.data.benefits as { amounts?: { figure: string; citation: { quote: string } }[] })?.amounts ?? []).map((a) => [`${s.id} ${a.figure}`, a] as const),
  );
  it.each(amounts)('%s appears in its quoted sentence', (_where, a) => {
    expect(a.citation.quote).toContain(a.figure);
  });

  /**
   * Numbers a page may state without quoting a report, each from POLICY-BRIEF.md's national
   * facts: certificate categories 1-7 and levels 1-4, ages 0-6 (国发〔2018〕20号), the 18-character
   * ID number and the 20-character certificate number with its 19th/20th characters and the
   * birth date in characters 7-14, and the 12385 hotline. Document numbers come from sources.
   */
  const NATIONAL_NUMBERS = new Set(['0', '1', '2', '3', '4', '5', '6', '7', '14', '17', '18', '19', '20', '12385']);

  const chineseTexts = (value: unknown): string[] =>
    [...walk(value)].filter(([path, o]) => typeof o.zh === 'string' && !path.includes('sources')).map(([, o]) => o.zh as string);

  /**
   * Numbers in `texts` that no cited quote, cited document number or publication date, nor
   * the national facts, hold. Markdown list markers and link addresses are not statements.
   */
  function unsupportedNumbers(texts: string[], data: Record<string, unknown>): string[] {
    const citations = [...walk(data)].filter(([, o]) => typeof o.source === 'string').map(([, o]) => o);
    const sources = citations.map((c) => yamlEntries('sources').find((s) => s.id === c.source)?.data ?? {});
    const held = [
      ...citations.map((c) => String(c.quote ?? '')),
      ...sources.map((s) => String(s.documentNumber ?? '')),
      ...sources.flatMap((s) => (s.date ? String(s.date instanceof Date ? s.date.toISOString().slice(0, 10) : s.date).split('-').map(Number).map(String) : [])),
    ];
    const numbers = texts
      .map((t) => t.replace(/^\s*\d+\.\s/gm, '').replace(/\]\([^)]*\)/g, ']'))
      .flatMap((t) => t.match(/\d+(?:\.\d+)?/g) ?? []);
    return [...new Set(numbers.filter((n) => !NATIONAL_NUMBERS.has(n) && !held.some((h) => h.includes(n) || h === n)))];
  }

  it.each(yamlEntries('services').map((s) => [s.id, s] as const))(
    '%s states no number in Chinese that its quoted sources or the national facts do not hold',
    (_id, service) => {
      expect(unsupportedNumbers(chineseTexts(service.data), service.data)).toEqual([]);
    },
  );

  it.each([...markdownEntries('policies'), ...markdownEntries('news')].filter((e) => e.id.startsWith('zh/')).map((e) => [`${e.collection}/${e.id}`, e] as const))(
    '%s states no number that its quoted sources or the national facts do not hold',
    (_id, entry) => {
      const texts = [String(entry.data.title), String(entry.data.summary), entry.body ?? ''];
      expect(unsupportedNumbers(texts, entry.data)).toEqual([]);
    },
  );

  it('flags a number nothing holds (the check can fail)', () => {
    expect(unsupportedNumbers(['每月发放 350 元'], { sources: [{ source: 'jilin-city-report', quote: '每年享受480元' }] })).toEqual(['350']);
  });

  it('finds a figure that is not in its quote (the check can fail)', () => {
    const bad = { figure: '500元', citation: { quote: '每名残疾人每年享受480元的免费乘车补贴' } };
    expect(bad.citation.quote.includes(bad.figure)).toBe(false);
  });
});

describe('content shape', () => {
  it('pairs every English Markdown entry with a Chinese one', () => {
    for (const c of ['policies', 'news', 'pages']) {
      const entries = markdownEntries(c).map((e) => e.id);
      for (const id of entries.filter((i) => i.startsWith('en/'))) expect(entries).toContain(id.replace(/^en\//, 'zh/'));
    }
  });

  it('never puts a second <h1> in a Markdown body (the page title is the h1)', () => {
    for (const e of [...markdownEntries('policies'), ...markdownEntries('news'), ...markdownEntries('pages')]) {
      expect(/^# /m.test(e.body ?? ''), e.file).toBe(false);
    }
  });

  it('names existing policies on every service', () => {
    const policies = ids('policies');
    for (const s of yamlEntries('services')) {
      if (s.data.policies === 'unknown') continue;
      for (const p of s.data.policies as string[]) expect(policies, `${s.id} → ${p}`).toContain(p);
    }
  });

  it('links news stories only to services that exist', () => {
    const services = ids('services');
    for (const n of markdownEntries('news')) for (const id of n.data.services as string[]) expect(services, `${n.id} → ${id}`).toContain(id);
  });

  it('has the foundation services fully in both languages', () => {
    for (const id of ['living-subsidy', 'nursing-subsidy', 'free-bus-travel']) {
      const service = yamlEntries('services').find((s) => s.id === id);
      expect(service, id).toBeDefined();
      const untranslated = [...walk(service!.data)].filter(([, o]) => typeof o.zh === 'string' && typeof o.en !== 'string');
      expect(untranslated.map(([p]) => p.join('.'))).toEqual([]);
    }
  });

  it.each(yamlEntries('services').map((s) => [s.id, s] as const))(
    '%s has an easy-read version with questions as headings and short sections (≤ 200 characters / words)',
    (_id, service) => {
      const sections = service.data.easyRead as { question: { zh: string; en: string }; answer: { zh: string; en: string }[] }[];
      for (const { question, answer } of sections) {
        expect(question.zh, question.zh).toMatch(/？$/);
        expect(question.en, question.en).toMatch(/\?$/);
        expect(answer.map((a) => a.zh).join('').length, question.zh).toBeLessThanOrEqual(200);
        expect(answer.map((a) => a.en).join(' ').split(/\s+/).length, question.en).toBeLessThanOrEqual(200);
      }
    },
  );

  it('reports a bad entry with the field that is wrong', () => {
    const result = schemas.service.safeParse({ title: { zh: '测试' }, category: 'food' });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('category');
    expect(paths).toContain('regions');
  });
});

describe('sign-language videos', () => {
  const sample = new Set(yamlEntries('videos').filter((v) => v.data.sample === true).map((v) => v.id));
  it('never presents a sample (a test card) as a page’s sign-language video', () => {
    const uses = [...yamlEntries('services'), ...markdownEntries('policies')].filter((e) => typeof e.data.signVideo === 'string');
    expect(uses.filter((e) => sample.has(e.data.signVideo as string)).map((e) => e.id)).toEqual([]);
  });
  it('shows a sample only as the labelled demonstration of the player', () => {
    for (const page of markdownEntries('pages').filter((e) => e.data.playerDemo !== undefined)) expect(sample.has(page.data.playerDemo as string), page.id).toBe(true);
  });
});

describe('one form of address', () => {
  it('addresses the reader as 你 in every Chinese text (service fields and Markdown), never 您', () => {
    const texts = [...yamlEntries('services'), ...yamlEntries('regions'), ...markdownEntries('policies'), ...markdownEntries('news'), ...markdownEntries('pages')];
    expect(texts.filter((e) => JSON.stringify(e.data).includes('您') || (e.body ?? '').includes('您')).map((e) => e.id)).toEqual([]);
  });
});

describe('policy pages name the services that rest on them', () => {
  const HEADING = { zh: '## 哪些服务依据它', en: '## Services based on it' } as const;
  const section = (body: string, heading: string) => {
    const at = body.indexOf(`${heading}\n`);
    if (at < 0) return undefined;
    const rest = body.slice(at + heading.length);
    const next = rest.search(/\n## /);
    return next < 0 ? rest : rest.slice(0, next);
  };
  const named = yamlEntries('services').flatMap((s) => (Array.isArray(s.data.policies) ? (s.data.policies as string[]).map((p) => [p, s.id] as const) : []));
  it.each(markdownEntries('policies').flatMap((p) => named.filter(([slug]) => p.id.endsWith(`/${slug}`)).map(([, service]) => [p.id, service] as const)))(
    '%s links %s under its services heading (the page lists them once, from the summary)',
    (id, service) => {
      const policy = markdownEntries('policies').find((p) => p.id === id)!;
      const body = section(policy.body!, HEADING[id.startsWith('zh/') ? 'zh' : 'en']);
      expect(body, `${id} has no “${HEADING[id.startsWith('zh/') ? 'zh' : 'en']}” section`).toBeDefined();
      expect(body).toContain(`(${id.startsWith("en/") ? "/en" : ""}/services/${service}/)`);
    },
  );
});

describe('the self-check rules cite real sources', () => {
  // A criterion names a source document or a policy page; the results page shows its title.
  it.each(RULES.map((r) => [r.service, r] as const))('%s: every criterion names a known source or policy', (_service, rule) => {
    const known = new Set([...ids('sources'), ...ids('policies')]);
    expect(rule.criteria.map((c) => c.source.source).filter((s) => !known.has(s))).toEqual([]);
  });
});

describe('quoted clauses (content/sources `clauses`)', () => {
  const clauses = yamlEntries('sources').flatMap((s) =>
    ((s.data.clauses as { id: string; quote: string }[] | undefined) ?? []).map((c) => [`${s.id}#${c.id}`, s, c] as const),
  );
  it('has the national and provincial texts the rules rest on, each with quoted clauses', () => {
    const quoted = new Set(clauses.map(([, s]) => s.id));
    for (const id of ['guofa-2015-52', 'guofa-2018-20', 'guofa-2014-47-report', 'disability-certificate-measures', 'social-assistance-measures', 'guofa-2014-8', 'caishe-2010-256', 'disabled-persons-protection-law', 'legal-aid-law', 'labour-law', 'hunan-two-subsidies', 'jilin-two-subsidies']) {
      expect(quoted.has(id), id).toBe(true);
    }
  });
  it.each(clauses)('%s is quoted word for word from its text file', (_where, source, clause) => {
    const text = sourceText(source.id);
    expect(text, `${source.id} has no text file`).toBeDefined();
    expect(text!.includes(clause.quote), clause.quote).toBe(true);
  });
  it.each(yamlEntries('sources').filter((s) => s.data.clauses !== undefined).map((s) => [s.id, s] as const))(
    '%s: a source with clauses says where its copy was read, and whether it is a reprint',
    (_id, source) => {
      expect(typeof source.data.url).toBe('string');
      expect(typeof source.data.reprint).toBe('boolean');
    },
  );
});

describe('the region tree (content/regions)', () => {
  const regions = yamlEntries('regions');
  const byId = new Map(regions.map((r) => [r.id, r]));
  const clauseIds = (source: string) => new Set(((byIdSource.get(source)?.data.clauses as { id: string }[] | undefined) ?? []).map((c) => c.id));
  const byIdSource = new Map(yamlEntries('sources').map((s) => [s.id, s]));

  it('has one root, the nation, and every other region a parent that exists, with no loop', () => {
    expect(regions.filter((r) => r.data.parent === undefined).map((r) => r.id)).toEqual(['china']);
    for (const r of regions) {
      const seen = new Set<string>();
      for (let at: Entry | undefined = r; at; at = at.data.parent === undefined ? undefined : byId.get(at.data.parent as string)) {
        expect(seen.has(at.id), `${r.id} loops at ${at.id}`).toBe(false);
        seen.add(at.id);
        if (at.data.parent !== undefined) expect(byId.has(at.data.parent as string), `${at.id}: parent ${String(at.data.parent)}`).toBe(true);
      }
      expect(seen.has('china'), r.id).toBe(true);
    }
  });

  it('puts 雨花区 under 长沙市 under 湖南省, and 吉林市 under 吉林省', () => {
    expect(byId.get('changsha-yuhua')!.data.parent).toBe('changsha');
    expect(byId.get('changsha')!.data.parent).toBe('hunan');
    expect(byId.get('hunan')!.data.parent).toBe('china');
    expect(byId.get('jilin-city')!.data.parent).toBe('jilin');
    expect(byId.get('jilin')!.data.parent).toBe('china');
  });

  it.each(regions.map((r) => [r.id, r] as const))('%s: every parameter cites a real source and, where named, a quoted clause of it', (_id, region) => {
    const parameters = (region.data.parameters ?? {}) as Record<string, { reference: { source: string; clause?: string } }>;
    for (const [name, p] of Object.entries(parameters)) {
      expect(byIdSource.has(p.reference.source), `${name}: ${p.reference.source}`).toBe(true);
      if (p.reference.clause !== undefined) expect(clauseIds(p.reference.source).has(p.reference.clause), `${name}: ${p.reference.source}#${p.reference.clause}`).toBe(true);
    }
  });

  it.each(regions.map((r) => [r.id, r] as const))('%s: the region or a level above it has sources, so "our sources do not say" can cite them', (_id, region) => {
    let at: Entry | undefined = region;
    while (at && !((at.data.sources as unknown[] | undefined) ?? []).length) at = at.data.parent === undefined ? undefined : byId.get(at.data.parent as string);
    expect(at, region.id).toBeDefined();
  });
});

describe('application forms and the services they apply for', () => {
  it('names each form on every service it applies for, and only there', async () => {
    const { FORMS } = await import('../../src/domain/applications/forms');
    const services = yamlEntries('services');
    for (const form of FORMS) {
      for (const slug of form.services) expect(services.find((s) => s.id === slug)?.data.form, `${slug} names ${form.id}`).toBe(form.id);
    }
    for (const s of services.filter((e) => e.data.form !== undefined)) expect(FORMS.find((f) => f.id === s.data.form)?.services, s.id).toContain(s.id);
  });

  it('cites a quoted clause for every material a form lists, for its route, and for the route to challenge a refusal', async () => {
    const { FORMS } = await import('../../src/domain/applications/forms');
    const { SUBMITTER_SOURCE } = await import('../../src/domain/applications/submitter');
    const { CHALLENGE_ROUTE } = await import('../../src/domain/applications/decisions');
    const quoted = new Set(yamlEntries('sources').flatMap((s) => ((s.data.clauses as { id: string }[] | undefined) ?? []).map((c) => `${s.id}#${c.id}`)));
    const cited = FORMS.flatMap((f) => [...f.materials.map((m) => m.source), f.routeSource]).filter((x): x is string => x !== undefined);
    expect(cited.length).toBeGreaterThan(5);
    for (const ref of [...cited, SUBMITTER_SOURCE, ...CHALLENGE_ROUTE.sources]) expect(quoted.has(ref), ref).toBe(true);
  });
});
