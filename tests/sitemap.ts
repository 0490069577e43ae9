/** Reads the portal's sitemap index and sitemap: the list of pages every crawl test covers. */
export async function sitemapUrls(baseUrl: string): Promise<string[]> {
  const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  const index = await (await fetch(`${baseUrl}/sitemap-index.xml`)).text();
  const urls: string[] = [];
  for (const sitemap of locs(index)) {
    const xml = await (await fetch(new URL(new URL(sitemap).pathname, baseUrl))).text();
    urls.push(...locs(xml).map((u) => new URL(new URL(u).pathname, baseUrl).href));
  }
  return urls;
}
