/**
 * The self-check as a browser without JavaScript makes it, over HTTP: every step a form POST
 * answered by a redirect (POST-redirect-GET), answers only in the encrypted cookie and never
 * in a URL, errors on the page with status 400, "clear my answers", expiry and tampering.
 */
import { describe, expect, it, inject } from 'vitest';
import { Visitor as BaseVisitor, expiredCookie, idNumber, walk } from '../check-visitor';

const base = inject('baseUrl');

class Visitor extends BaseVisitor {
  constructor() {
    super(base);
  }
}

describe('the self-check without JavaScript', () => {
  it('goes from the start page to the results, one question per page', async () => {
    const v = new Visitor();
    const start = await v.get('/check/');
    expect(start.status).toBe(200);
    expect(start.headers.get('cache-control')).toContain('no-store');
    expect(await v.answer('/check/', { action: 'start' })).toBe('/check/region');
    const region = await (await v.get('/check/region')).text();
    expect(region).toMatch(/<legend[^>]*><h1[^>]*>你的户籍在哪里？<\/h1><\/legend>/);
    expect(await v.answer('/check/region', { region: 'jilin-city' })).toBe('/check/hasCertificate');
    expect(await v.answer('/check/hasCertificate', { answer: 'yes' })).toBe('/check/certificateNumber');
    // The certificate number answers birth date, category and level, for the person to confirm.
    expect(await v.answer('/check/certificateNumber', { certificateNumber: `${idNumber('19800307')}52` })).toBe('/check/confirm');
    const confirm = await (await v.get('/check/confirm')).text();
    expect(confirm).toContain('1980年3月7日');
    expect(confirm).toContain('智力残疾');
    expect(confirm).toContain('二级');
    expect(await v.answer('/check/confirm', { answer: 'yes' })).toBe('/check/household');
    expect(await v.answer('/check/household', { answer: 'dibao' })).toBe('/check/needsLongTermCare');
    expect(await v.answer('/check/needsLongTermCare', { answer: 'yes' })).toMatch(/^\/check\/(summary|\w+)$/);
    let next = new URL((await v.post('/check/needsLongTermCare', { answer: 'yes' })).headers.get('location')!, base).pathname;
    for (let i = 0; next !== '/check/summary' && i < 10; i++) next = await v.answer(next, { answer: 'dontKnow' });
    expect(next).toBe('/check/summary');
    const summary = await (await v.get('/check/summary')).text();
    expect(summary).toContain('已读出，号码没有保存');
    expect(summary).toContain('href="/check/household"');
    const res = await v.get('/check/results');
    expect(res.status).toBe(200);
    const html = await res.text();
    const section = (id: string) => html.slice(html.indexOf(`id="group-${id}"`), html.indexOf('</section>', html.indexOf(`id="group-${id}"`)));
    expect(section('eligible')).toContain('困难残疾人生活补贴');
    expect(section('eligible')).toContain('重度残疾人护理补贴');
    expect(section('eligible')).toContain('满足全部 3 个条件');
    // Each service's reasons wait behind "why", its sources cited once each, with the clause where one is quoted.
    expect(section('eligible')).toMatch(/<summary[^>]*>为什么/);
    expect(section('eligible')).toMatch(/《中华人民共和国残疾人保障法》<\/cite><span lang="zh-CN"[^>]*>第三十七条第一款/);
    // Every criterion cites a document or policy by its title, never by its content id.
    expect(html).toContain('《关于给予大龄自闭症、智力障碍残疾人康复教育照料补贴的实施方案》');
    expect(html).not.toMatch(/《[a-z0-9-]+》/);
    // Jilin only: a Yuhua-only service is not listed.
    expect(html).not.toContain('/services/temporary-assistance/');
    expect(html).toContain('12385');
    expect(html).toContain('吉林市残疾人联合会');
    // A Deaf person is told where to get a signed explanation.
    expect(html).toContain('需要手语讲解');
    // Answers never appear in a URL, and the certificate number is in no response after its own page.
    for (const url of v.urls) expect(url).not.toMatch(/\?.*(dibao|answer|1980|certificate)/i);
    expect(decodeURIComponent(v.cookie)).not.toMatch(/dibao|1980|intellectual/);
    expect(html).not.toContain(idNumber('19800307'));
  });

  it('gives the results in English: counts in the right number, sources by their English titles', async () => {
    const steps = await walk(base, '/en', { region: { region: 'jilin-city' }, hasCertificate: { answer: 'no' }, birthDate: { year: '1980', month: '3', day: '7' } });
    const v = new Visitor();
    v.cookie = `tx-check=${steps.at(-1)!.cookie}`;
    const html = await (await v.get('/en/check/results')).text();
    // Counts in the right number: "1 service", "2 services", never "1 services".
    expect(html).toMatch(/You may get (\d+) services?\./);
    expect(html).toMatch(/Ask about (\d+) services?\./);
    // Services by their short names: the page already says who they are for.
    expect(html).toMatch(/<h3 id="result-nursing-subsidy"[^>]*><a href="\/en\/services\/nursing-subsidy\/"[^>]*>Nursing subsidy<\/a><\/h3>/);
    // The services only the office can settle share one entry; each one's missing fact is behind its "why".
    expect(html).toContain('Still missing: </strong>what only the local DPF or 12385 can tell you');
    expect(html).toMatch(/<summary[^>]*>Show (it|these \d+)<\/summary>/);
    expect(html).not.toMatch(/\b1 services|\b1 conditions|all 1 conditions/);
    expect(html).toMatch(/<a href="\/en\/policies\/jilin-autism-care-subsidy\/" lang="en">Implementation Plan on Rehabilitation/);
    expect(html).toMatch(/<cite lang="zh-CN">《吉林市残联/);
    expect(html).not.toMatch(/《[a-z0-9-]+》/);
  });

  it('shows an error summary and keeps the page for a bad answer (400), in English too', async () => {
    const v = new Visitor();
    await v.answer('/en/check/', { action: 'start' });
    const noChoice = await v.post('/en/check/region', {});
    expect(noChoice.status).toBe(400);
    const text = await noChoice.text();
    expect(text).toContain('error-summary');
    expect(text).toContain('Choose where the household registration is');
    expect(text).toContain('href="#region-0"');
    await v.answer('/en/check/region', { region: 'changsha-yuhua' });
    await v.answer('/en/check/hasCertificate', { answer: 'no' });
    const cases: [Record<string, string>, string][] = [
      [{}, 'Enter the date of birth'],
      [{ year: '1980', month: '13', day: '1' }, 'must be a real date'],
      [{ year: '1980', month: '2', day: '30' }, 'must be a real date'],
      [{ year: '2999', month: '1', day: '1' }, 'today or in the past'],
      [{ year: '1850', month: '1', day: '1' }, '1900 or later'],
    ];
    for (const [body, message] of cases) {
      const res = await v.post('/en/check/birthDate', body);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain(message);
      // What the person typed is kept.
      if (body.year) expect(html).toContain(`value="${body.year}"`);
    }
  });

  it('asks what is already paid with checkboxes: several kept, "none" alone, a message for each bad answer', async () => {
    // A 吉林市 adult at level 2 on dibao who needs care: both subsidies are still open, so it is asked.
    const reachQuestion = async (v: Visitor) => {
      for (const [path, body] of [
        ['/check/', { action: 'start' }],
        ['/check/region', { region: 'jilin-city' }],
        ['/check/hasCertificate', { answer: 'yes' }],
        ['/check/certificateNumber', { certificateNumber: `${idNumber('19800307')}52` }],
        ['/check/confirm', { answer: 'yes' }],
        ['/check/household', { answer: 'dibao' }],
      ] as const) await v.answer(path, body);
      expect(await v.answer('/check/needsLongTermCare', { answer: 'yes' })).toBe('/check/alreadyReceives');
    };
    const v = new Visitor();
    await reachQuestion(v);
    const page = await (await v.get('/check/alreadyReceives')).text();
    expect(page.match(/type="checkbox"/g)).toHaveLength(5);
    expect(page).toMatch(/<legend[^>]*><h1[^>]*>下面这些，你已经在领哪些？<\/h1><\/legend>/);
    expect(page).toContain('工伤保险生活护理费');
    expect(page).toMatch(/value="none" data-exclusive/);
    const cases: [[string, string][], string, string][] = [
      [[], 'required', '#answer-0'],
      [[['answer', 'living-subsidy'], ['answer', 'none']], '选了“都没有”或“不知道”，就不能再选别的', '#answer-0'],
      [[['answer', 'dontKnow'], ['answer', 'nursing-subsidy']], '选了“都没有”或“不知道”，就不能再选别的', '#answer-0'],
      [[['answer', 'pension']], 'option', '#answer-0'],
    ];
    for (const [body, message, anchor] of cases) {
      const res = await v.post('/check/alreadyReceives', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const html = await res.text();
      expect(html).toContain('error-summary');
      expect(html).toContain(`href="${anchor}"`);
      if (message.length > 10) expect(html).toContain(message);
    }
    // Two boxes, posted in any order: kept in the list's order, and shown ticked on return.
    await v.answer('/check/alreadyReceives', [['answer', 'nursing-subsidy'], ['answer', 'living-subsidy']]);
    const back = await (await v.get('/check/alreadyReceives')).text();
    expect(back.match(/<input type="checkbox"[^>]*checked/g)).toHaveLength(2);
    let next = await v.answer('/check/alreadyReceives', [['answer', 'nursing-subsidy'], ['answer', 'living-subsidy']]);
    for (let i = 0; next !== '/check/summary' && i < 10; i++) next = await v.answer(next, { answer: 'dontKnow' });
    const summary = await (await v.get('/check/summary')).text();
    expect(summary).toContain('困难残疾人生活补贴、重度残疾人护理补贴');
    const html = await (await v.get('/check/results')).text();
    const eligible = html.slice(html.indexOf('id="group-eligible"'), html.indexOf('</section>', html.indexOf('id="group-eligible"')));
    // Neither subsidy is offered again; the person is told why.
    expect(eligible).not.toContain('困难残疾人生活补贴');
    expect(eligible).not.toContain('重度残疾人护理补贴');
    expect(html).toContain('你说已经在领：');
    // "None of these" alone is an answer.
    const w = new Visitor();
    await reachQuestion(w);
    expect(await w.answer('/check/alreadyReceives', { answer: 'none' })).not.toBe('/check/alreadyReceives');
  });

  it('names what is wrong with a certificate number', async () => {
    const v = new Visitor();
    await v.answer('/check/', { action: 'start' });
    await v.answer('/check/region', { region: 'jilin-city' });
    await v.answer('/check/hasCertificate', { answer: 'yes' });
    const good = idNumber('19800307');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    for (const [value, message] of [
      ['', '请填写残疾人证号码'],
      ['123', '一般是20位'],
      [`${bad}52`, '校验码对不上'],
      [`${good}92`, '第19位是残疾类别'],
      [`${good}58`, '第20位是残疾等级'],
    ]) {
      const res = await v.post('/check/certificateNumber', { certificateNumber: value! });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(message);
    }
    // Skipping goes on to the questions the number would have answered.
    expect(await v.answer('/check/certificateNumber', { action: 'skip' })).toBe('/check/birthDate');
  });

  it('lets the person say the number was read wrongly, and then asks', async () => {
    const v = new Visitor();
    await v.answer('/check/', { action: 'start' });
    await v.answer('/check/region', { region: 'jilin-city' });
    await v.answer('/check/hasCertificate', { answer: 'yes' });
    await v.answer('/check/certificateNumber', { certificateNumber: `${idNumber('19800307')}41` });
    expect(await v.answer('/check/confirm', { answer: 'no' })).toBe('/check/birthDate');
  });

  it('goes back to the summary after a change, and drops answers that no longer apply', async () => {
    const v = new Visitor();
    await v.answer('/check/', { action: 'start' });
    await v.answer('/check/region', { region: 'jilin-city' });
    await v.answer('/check/hasCertificate', { answer: 'yes' });
    await v.answer('/check/certificateNumber', { certificateNumber: `${idNumber('19800307')}42` });
    let next = await v.answer('/check/confirm', { answer: 'yes' });
    for (let i = 0; next !== '/check/summary' && i < 10; i++) next = await v.answer(next, { answer: 'dontKnow' });
    expect(next).toBe('/check/summary');
    expect(await (await v.get('/check/summary')).text()).toContain('残疾等级是几级');
    // Change: no certificate after all. The level no longer applies and is not shown.
    next = await v.answer('/check/hasCertificate', { answer: 'no' });
    for (let i = 0; next !== '/check/summary' && i < 10; i++) next = await v.answer(next, { answer: 'dontKnow' });
    expect(next).toBe('/check/summary');
    const summary = await (await v.get('/check/summary')).text();
    expect(summary).not.toContain('残疾等级是几级');
    expect(summary).toContain('出生日期是哪天？');
  });

  it('clears the answers at once', async () => {
    const v = new Visitor();
    await v.answer('/check/', { action: 'start' });
    await v.answer('/check/region', { region: 'jilin-city' });
    expect(v.cookie).toContain('tx-check=');
    const res = await v.post('/check/', { action: 'clear' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/check/?cleared=1');
    expect(v.cookie).not.toContain('tx-check=');
    expect(await (await v.get('/check/?cleared=1')).text()).toContain('你的回答已经清除');
    // With nothing saved, a later step sends the person to the first question.
    expect((await v.get('/check/results')).headers.get('location')).toBe('/check/region');
  });

  it('refuses a tampered cookie and starts again', async () => {
    const v = new Visitor();
    await v.answer('/check/', { action: 'start' });
    await v.answer('/check/region', { region: 'jilin-city' });
    v.cookie = v.cookie.replace(/tx-check=([^;]*)/, (_m, value: string) => `tx-check=${value.slice(0, -4)}AAAA`);
    const res = await v.get('/check/hasCertificate');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/check/');
    // The start page says why, and the refused cookie is deleted.
    const start = await v.get('/check/');
    expect(await start.text()).toContain('读不出你的回答');
    expect(v.checkCookie).toBeUndefined();
  });

  it('says the answers expired after 24 hours, and deletes them', async () => {
    const v = new Visitor();
    v.cookie = `tx-check=${await expiredCookie(inject('txSecret'))}`;
    for (const path of ['/en/check/hasCertificate', '/en/check/summary', '/en/check/results']) {
      const res = await v.get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toBe('/en/check/');
    }
    const html = await (await v.get('/en/check/')).text();
    expect(html).toContain('nothing happened for 24 hours');
    expect(html).not.toContain('could not be read');
    expect(v.checkCookie).toBeUndefined();
  });

  it('refuses a cross-site POST', async () => {
    const res = await fetch(`${base}/check/region`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ region: 'jilin-city' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
  });

  it('answers 404 for a step that does not exist', async () => {
    expect((await fetch(`${base}/check/noSuchStep`)).status).toBe(404);
  });
});
