import { defineCollection, reference } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { makeSchemas, type References } from './schemas/content';

const s = makeSchemas({
  regions: reference('regions') as References['regions'],
  sources: reference('sources') as References['sources'],
  videos: reference('videos') as References['videos'],
});
const yaml = (base: string) => glob({ pattern: '*.yaml', base });
/** Markdown collections are one file per language: content/<collection>/<lang>/<slug>.md */
const markdown = (base: string) => glob({ pattern: '{zh,en}/*.md', base });

export const collections = {
  services: defineCollection({ loader: yaml('./content/services'), schema: s.service }),
  regions: defineCollection({ loader: yaml('./content/regions'), schema: s.region }),
  sources: defineCollection({ loader: yaml('./content/sources'), schema: s.source }),
  videos: defineCollection({ loader: yaml('./content/videos'), schema: s.video }),
  policies: defineCollection({ loader: markdown('./content/policies'), schema: s.policy }),
  news: defineCollection({ loader: markdown('./content/news'), schema: s.news }),
  pages: defineCollection({ loader: markdown('./content/pages'), schema: s.page }),
  /** Hard words explained on easy-read pages (shared/domain/GLOSSARY.md). */
  glossary: defineCollection({
    loader: file('./content/glossary.yaml'),
    schema: z.object({ term: s.localized, explanation: s.localized, match: z.array(z.string().min(1)).min(1) }),
  }),
  /** Search words: a query word (id) and the words the content uses for it (none: a word the segmenter splits). */
  synonyms: defineCollection({ loader: file('./content/search-synonyms.yaml'), schema: z.object({ also: z.array(z.string().min(1)).default([]) }) }),
};
