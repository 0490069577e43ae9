import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
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
};
