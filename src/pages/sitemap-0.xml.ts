/** Every page in both languages, with hreflang alternates. */
import type { APIRoute } from 'astro';
import { urlset } from '../catalogue/sitemap';
export const prerender = true;
export const GET: APIRoute = async ({ site }) =>
  new Response(await urlset(site!), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
