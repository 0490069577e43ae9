/**
 * Read aloud (<tx-read-aloud>) in Chromium, with speechSynthesis replaced by a recorder, so the test
 * hears what would be spoken: it waits for a voice in the page's language and stays absent without one,
 * never starts by itself, reads the main content sentence by sentence in the page's language
 * (marking the sentence being read), pauses, resumes, changes speed and stops; axe passes while
 * it plays; without JavaScript it is empty.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { launch } from '../browser';

const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

interface Spoken {
  text: string;
  lang: string;
  rate: number;
  voice: string | undefined;
}

/** A page whose speechSynthesis records what it is asked to say, with these voices (or late ones). */
async function pageWithVoices(voices: { name: string; lang: string }[], { late = false, js = true, viewport = { width: 1280, height: 720 }, display = '' } = {}): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: js, viewport });
  if (display) await context.addCookies([{ name: 'tx-display', value: display, url: base }]);
  await context.addInitScript(
    ({ voices, late }) => {
      const w = window as unknown as Record<string, unknown>;
      const log = { spoken: [] as unknown[], calls: [] as string[], current: null as null | { onend?: () => void; onerror?: (e: unknown) => void } };
      w.__speech = log;
      let available = late ? [] : voices.map((v) => ({ ...v, localService: true, default: false, voiceURI: v.name }));
      class RecordedUtterance {
        text: string;
        lang = '';
        rate = 1;
        voice: { name: string } | null = null;
        onend: (() => void) | null = null;
        onerror: ((e: unknown) => void) | null = null;
        constructor(text: string) {
          this.text = text;
        }
      }
      const synth = new EventTarget() as EventTarget & Record<string, unknown>;
      synth.getVoices = () => available;
      synth.speak = (u: RecordedUtterance) => {
        log.spoken.push({ text: u.text, lang: u.lang, rate: u.rate, voice: u.voice?.name });
        log.current = u as never;
      };
      synth.pause = () => log.calls.push('pause');
      synth.resume = () => log.calls.push('resume');
      synth.cancel = () => {
        log.calls.push('cancel');
        const u = log.current;
        log.current = null;
        // As Chromium does: a cancelled utterance ends in an error ("interrupted").
        u?.onerror?.({ error: 'interrupted' });
      };
      w.__voicesArrive = () => {
        available = voices.map((v) => ({ ...v, localService: true, default: false, voiceURI: v.name }));
        synth.dispatchEvent(new Event('voiceschanged'));
      };
      Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
      Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: RecordedUtterance, configurable: true });
    },
    { voices, late },
  );
  return context.newPage();
}

const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __speech: { spoken: Spoken[] } }).__speech.spoken);
const calls = (page: Page) => page.evaluate(() => (window as unknown as { __speech: { calls: string[] } }).__speech.calls);
const finishSentence = (page: Page) => page.evaluate(() => (window as unknown as { __speech: { current: { onend: () => void } } }).__speech.current.onend());
const marked = (page: Page) =>
  page.evaluate(() => {
    const h = CSS.highlights.get('tx-read-aloud');
    return h ? [...h].map((r) => r.toString()).join('') : null;
  });
const ZH_VOICE = { name: 'Mandarin voice', lang: 'zh-CN' };
const EN_VOICE = { name: 'English voice', lang: 'en-GB' };

describe('read aloud', () => {
  it('reads the page in its language, a sentence at a time, marked, only when asked; pauses, resumes, changes speed, stops', async () => {
    const page = await pageWithVoices([ZH_VOICE, EN_VOICE]);
    await page.goto(`${base}/services/nursing-subsidy/`);
    const read = page.getByRole('button', { name: '▶ 朗读这一页' });
    await read.waitFor();
    await page.waitForTimeout(300);
    expect(await spoken(page)).toEqual([]); // never by itself

    await read.click();
    let said = await spoken(page);
    expect(said).toHaveLength(1);
    expect(said[0]).toEqual({ text: '重度残疾人护理补贴', lang: 'zh-CN', rate: 1, voice: 'Mandarin voice' });
    expect(await marked(page)).toBe('重度残疾人护理补贴');

    // The next sentence, the summary's first, when the first ends.
    await finishSentence(page);
    said = await spoken(page);
    expect(said).toHaveLength(2);
    expect(said[1]!.text).toMatch(/^重度残疾人护理补贴是国家统一建立的补贴，按月发放，/);
    expect(said[1]!.text.endsWith('。')).toBe(true);
    expect(await marked(page)).toBe(said[1]!.text);

    // One toggle button: pause, then resume, with focus kept on it.
    const toggle = page.locator('tx-read-aloud button').first();
    expect(await toggle.textContent()).toBe('暂停朗读');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await calls(page)).toContain('pause');
    expect(await toggle.textContent()).toBe('继续朗读');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('继续朗读');
    await page.keyboard.press('Enter');
    expect(await calls(page)).toContain('resume');

    // A new speed starts the sentence again at that speed.
    await page.locator('tx-read-aloud select').selectOption('1.25');
    said = await spoken(page);
    expect(said).toHaveLength(3);
    expect(said[2]).toMatchObject({ text: said[1]!.text, rate: 1.25 });

    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);

    await page.getByRole('button', { name: '停止' }).click();
    expect(await marked(page)).toBeNull();
    expect(await page.locator('tx-read-aloud button').first().textContent()).toBe('▶ 朗读这一页');
    // The stop cancelled speech; nothing more is said.
    const count = (await spoken(page)).length;
    await page.waitForTimeout(200);
    expect(await spoken(page)).toHaveLength(count);
    await page.context().close();
  });

  it('reads an English page with an English voice, leaving out navigation and the sign-language slot', async () => {
    const page = await pageWithVoices([ZH_VOICE, EN_VOICE]);
    await page.goto(`${base}/en/policies/guofa-2015-52/`);
    await page.getByRole('button', { name: '▶ Read this page aloud' }).click();
    const said = await spoken(page);
    expect(said[0]).toMatchObject({ lang: 'en', voice: 'English voice' });
    for (let i = 0; i < 40 && (await spoken(page)).length < 40; i++) await finishSentence(page).catch(() => undefined);
    const texts = (await spoken(page)).map((s) => s.text).join(' ');
    expect(texts).not.toMatch(/Sign-language video|Home|Need help\?/);
    await page.context().close();
  });

  it('is absent when the browser has no voice for the page’s language', async () => {
    const page = await pageWithVoices([ZH_VOICE]);
    await page.goto(`${base}/en/services/nursing-subsidy/`);
    await page.waitForTimeout(300);
    expect(await page.locator('tx-read-aloud *').count()).toBe(0);
    await page.context().close();
  });

  it('appears when the voices arrive after the page has loaded', async () => {
    const page = await pageWithVoices([ZH_VOICE], { late: true });
    await page.goto(`${base}/services/nursing-subsidy/easy-read/`);
    await page.waitForTimeout(200);
    expect(await page.locator('tx-read-aloud button').count()).toBe(0);
    await page.evaluate(() => (window as unknown as { __voicesArrive: () => void }).__voicesArrive());
    await page.getByRole('button', { name: '▶ 朗读这一页' }).waitFor();
    await page.context().close();
  });

  it.each(['', '/en'])('reflows at 320 CSS px with the largest text and wide spacing while it plays (%s)', async (lang) => {
    const page = await pageWithVoices([ZH_VOICE, EN_VOICE], { viewport: { width: 320, height: 640 }, display: 'textSize=larger&lineSpacing=wide' });
    await page.goto(`${base}${lang}/services/nursing-subsidy/`);
    await page.locator('tx-read-aloud button').first().click();
    expect(await page.locator('tx-read-aloud button').count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.context().close();
  });

  it('is an empty element without JavaScript', async () => {
    const page = await pageWithVoices([ZH_VOICE], { js: false });
    await page.goto(`${base}/services/nursing-subsidy/`);
    expect(await page.locator('tx-read-aloud *').count()).toBe(0);
    expect(await page.locator('tx-read-aloud').evaluate((e) => e.getBoundingClientRect().height)).toBe(0);
    await page.context().close();
  });
});
