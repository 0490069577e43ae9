/**
 * Words in both languages as the API sends them, as zod schemas: the source of their JSON
 * Schema in /api/openapi.json and of the types of the answers that carry them.
 */
import { z } from 'zod';

/** Words the code writes itself (messages, questions, criteria): both languages, always. */
export const textSchema = z
  .strictObject({
    zh: z.string().meta({ description: 'Simplified Chinese.' }),
    en: z.string().meta({ description: 'English.' }),
  })
  .meta({ description: 'A text in Chinese and English.' });

/** Words from content (service titles, region names): `en` is absent while a translation is pending. */
export const contentTextSchema = z
  .strictObject({
    zh: z.string().meta({ description: 'Simplified Chinese (the source language).' }),
    en: z.string().optional().meta({ description: 'English; absent while a translation is pending.' }),
  })
  .meta({ description: 'A text from content, in Chinese and, once translated, English.' });
