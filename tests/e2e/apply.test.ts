/**
 * Applying online with the island (issue 11 point 9), by keyboard in Chromium: a field is
 * checked when it is left, Continue with problems shows the focused error summary without a page
 * load, a corrected field loses its message, what is typed is saved as it is typed (a reload
 * keeps it), and a file's upload shows its progress over a slow network. A file too large is
 * refused before it is sent. Then on to the confirmation: the whole journey with JavaScript.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, tabTo } from '../browser';
import { idNumber } from '../check-visitor';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());


/** Chooses a radio or box by keyboard (Tab to it, Space) and presses Continue (Tab to it, Enter). */
async function chooseAndContinue(page: Page, selector: string) {
  await tabTo(page, selector);
  await page.keyboard.press('Space');
  await tabTo(page, 'button[value="continue"]');
  await enterAndLoad(page);
}

/** Presses Enter and waits for the page it loads. */
async function enterAndLoad(page: Page) {
  const loaded = page.waitForEvent('load');
  await page.keyboard.press('Enter');
  await loaded;
}

const active = (page: Page) => page.evaluate(() => ({ id: document.activeElement?.id, className: document.activeElement?.className }));

describe('applying online with JavaScript, by keyboard', () => {
  it('checks fields as they are left, keeps the page on Continue with problems, saves as it goes, and uploads with progress', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/apply/two-subsidies/`);
    await tabTo(page, 'button[value="start"]');
    await enterAndLoad(page);
    expect(page.url()).toMatch(/\/apply\/two-subsidies\/region$/);
    await chooseAndContinue(page, '#region-0');
    await chooseAndContinue(page, '#role-0');
    expect(page.url()).toMatch(/\/person$/);

    // Leaving a box with a wrong value: its message at once, tied to the box.
    await tabTo(page, '#certificateNumber');
    await page.keyboard.type('12345');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('#certificateNumber-error').textContent()).toContain('残疾人证号码一般是20位');
    expect(await page.getAttribute('#certificateNumber', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#certificateNumber', 'aria-describedby')).toContain('certificateNumber-error');
    // Tabbing through an empty box is not a mistake.
    expect(await page.locator('#name-error').count()).toBe(0);

    // Continue with problems: no page load, the summary focused, every problem linked.
    await tabTo(page, 'button[value="continue"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => active(page)).toMatchObject({ className: 'error-summary' });
    expect(page.url()).toMatch(/\/person$/);
    expect(await page.title()).toMatch(/^有问题需要处理：/);
    expect(await page.locator('.error-summary a').allTextContents()).toEqual([
      '你的姓名：请填写这一项',
      '残疾人证号码：残疾人证号码一般是20位（身份证号码18位加2位数字），请核对位数',
      '你的电话：请填写这一项',
      '你的住址：请填写这一项',
    ]);
    expect(await page.locator('.error-summary a').first().getAttribute('href')).toBe('#name');

    // Correcting a field removes its message when it is left.
    const person = idNumber('19560307', '611');
    await tabTo(page, '#name');
    await page.keyboard.type('王建国');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('#name-error').count()).toBe(0);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`${person}42`);
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('#certificateNumber-error').count()).toBe(0);
    expect(await page.getAttribute('#certificateNumber', 'aria-invalid')).toBeNull();
    await page.keyboard.type('13800001234');
    await page.keyboard.press('Tab');
    await page.keyboard.type('吉林市船营区某街1号');

    // What is typed is saved a moment later, without a page load; a reload keeps it.
    await expect.poll(() => page.locator('.autosave').textContent(), { timeout: 10_000 }).toMatch(/已保存/);
    await page.reload();
    expect(await page.inputValue('#address')).toBe('吉林市船营区某街1号');
    expect(await page.inputValue('#certificateNumber')).toBe(`${person}42`);
    await tabTo(page, 'button[value="continue"]');
    await enterAndLoad(page);
    expect(page.url()).toMatch(/\/page-subsidies$/);

    // A choice page: Continue with nothing chosen shows the summary; choosing clears the message.
    await tabTo(page, 'button[value="continue"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => active(page)).toMatchObject({ className: 'error-summary' });
    await tabTo(page, '#subsidies-0');
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('#subsidies-error').count()).toBe(0);
    await tabTo(page, 'button[value="continue"]');
    await enterAndLoad(page);
    await chooseAndContinue(page, '#household-0');
    expect(page.url()).toMatch(/\/documents$/);

    // A file too large is refused before it is sent.
    await page.setInputFiles('#file-certificate', { name: 'big.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) });
    await page.focus('#file-certificate');
    await tabTo(page, 'button[value="upload"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.error-summary a').allTextContents()).toEqual([expect.stringContaining('文件太大')]);

    // Over a slow network the upload shows its progress, then the file is listed.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 50, downloadThroughput: 500_000, uploadThroughput: 4_000 });
    await page.setInputFiles('#file-certificate', 'public/videos/sample.jpg');
    await page.focus('#file-certificate');
    await tabTo(page, 'button[value="upload"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('progress').count()).toBe(1);
    expect(await page.locator('[role="status"]').allTextContents()).toContainEqual(expect.stringMatching(/^正在上传 sample\.jpg：\d+%$/));
    await expect.poll(() => page.locator('.files li').allTextContents(), { timeout: 20_000 }).toEqual([expect.stringContaining('sample.jpg')]);
    expect(page.url()).toMatch(/\/documents$/);
    expect(await active(page)).toMatchObject({ id: 'material-certificate-title' });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    // The rest by keyboard to the confirmation: the certificate uploaded, the rest brought.
    await tabTo(page, '#material-certificate-0');
    await page.keyboard.press('Space');
    // A radio group is one Tab stop; the arrow keys choose within it ("bring" is the second).
    for (const id of await page.$$eval('input[type="radio"][value="upload"]', (radios) => radios.map((r) => r.id).filter((x) => x !== 'material-certificate-0'))) {
      await tabTo(page, `#${id}`);
      await page.keyboard.press('ArrowDown');
    }
    await tabTo(page, 'button[value="continue"]');
    await enterAndLoad(page);
    expect(page.url()).toMatch(/\/check$/);
    await tabTo(page, 'a[href$="/consent"]');
    await enterAndLoad(page);
    await tabTo(page, '#consent-sensitiveData-0');
    await page.keyboard.press('Space');
    await tabTo(page, '#consent-otherServices-0');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, '#declaration');
    await page.keyboard.press('Space');
    await tabTo(page, 'button[value="send"]');
    await enterAndLoad(page);
    expect(page.url()).toMatch(/\/done$/);
    expect(await page.locator('.code strong').allTextContents()).toEqual([
      expect.stringMatching(/^[A-Z2-9]{4} [A-Z2-9]{4} [A-Z2-9]{2}$/),
      expect.stringMatching(/^[A-Z2-9]{4} [A-Z2-9]{4} [A-Z2-9]{4}$/),
    ]);
    expect(errors).toEqual([]);
  });
});
