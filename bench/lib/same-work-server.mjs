/**
 * The same-work baseline for the no-JS journey figure: a bare node:http server that does, for
 * each request of the journey, the work the portal's self-check pages do, with the portal's own
 * code, and none of what the framework does around it. Run as its own process by lib/journey.mjs:
 *   node same-work-server.mjs <port> <config.json> <bundle.mjs> <workers>
 * <bundle.mjs> is lib/same-work-entry.ts bundled with esbuild (the sealed cookie, the answer
 * types, the journey engine, the rules, the UI strings, all from src/). Like the portal's server it is
 * a node:cluster primary that serves nothing itself, with <workers> workers accepting from the
 * shared socket (SCHED_NONE, as src/server/http/supervisor.ts); the key is TX_SECRET.
 *
 * Per request, as src/server/self-check/{page-context,step-page}.ts and the check pages do:
 *  - every request: open the sealed tx-check cookie (AES-256-GCM, then the zod shape check),
 *    today in China, the self-check's journey; the rules run at most once, when needed;
 *  - POST: the origin check (src/middleware.ts), the body read within the 64 KiB form limit and
 *    parsed, the journey engine's submit (the answer type reads the fields, the step applies it),
 *    the state sealed again into Set-Cookie, the routing on the new state for the 303 Location;
 *  - GET of a step: whether the step can show, "back" and the step number from the trail, the
 *    saved answer's fields, the page rendered with template strings: the
 *    island's data (region, answers, service titles) as an escaped JSON attribute, the question's
 *    label, hint and options with the saved answer checked;
 *  - GET /check/summary: the routing (the rules once), every answer in words (answerRows, on the
 *    engine's rows); /check/results: the same one check for the routing and the results, grouped,
 *    every reason in words;
 *  - the page padded to the byte size of the portal's page (from the probe journey), which the
 *    portal fills with its layout and inlined CSS; the response headers the portal sent for that
 *    request (security headers, CSP, Cache-Control) copied from the probe.
 * config: { regions: [{ id, chain, services, name, dpf }], services: { <id>: <Localized title> },
 *           responses: { "<METHOD> <path>": { bytes, headers } }, cookieAttributes }.
 */
import cluster from 'node:cluster';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [portArg, configFile, bundleFile, workersArg] = process.argv.slice(2);
const WORKERS = Math.max(1, Number(workersArg) || 1);

if (cluster.isPrimary) {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  let listening = 0;
  let stopping = false;
  const fork = () => cluster.fork();
  cluster.on('listening', () => {
    if (++listening === WORKERS) process.stdout.write('ready\n');
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    process.stderr.write(`same-work worker ${worker.process.pid} exited with ${code ?? signal}\n`);
    process.exit(1);
  });
  for (let i = 0; i < WORKERS; i++) fork();
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), 2000).unref();
    let left = Object.keys(cluster.workers ?? {}).length;
    if (!left) process.exit(0);
    cluster.on('exit', () => {
      if (--left === 0) process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  await serve();
}

async function serve() {
  const lib = await import(pathToFileURL(bundleFile).href);
  const {
    CHECK_COOKIE, CHECK_TTL_SECONDS, emptyState, open, seal, todayInChina, grouped, question, DONT_KNOW,
    back, fieldValues, showable, submit, selfCheckJourney,
    answerRows, formatDate, optionLabel, say, answerMessage, localePath, pick, useTranslations,
  } = lib;
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  const FORM_LIMIT = 64 * 1024;
  const COOKIE_ATTRIBUTES = config.cookieAttributes ?? `; Max-Age=${CHECK_TTL_SECONDS}; Path=/; HttpOnly; SameSite=Lax`;
  const CLEAR_ATTRIBUTES = '; Max-Age=0; Path=/; HttpOnly; SameSite=Lax';
  // What the portal's content collections give its pages (src/catalogue/regions.ts, entries.ts).
  const regions = new Map(config.regions.map((r) => [r.id, { id: r.id, chain: r.chain, services: r.services }]));
  const regionInfo = new Map(config.regions.map((r) => [r.id, r]));
  const serviceTitles = config.services;
  const DEFAULT_HEADERS = { 'cache-control': 'private, no-store', 'content-type': 'text/html; charset=utf-8' };

  const esc = (v) =>
    String(v).replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
  const stepPath = (lang, step) => localePath(lang, step === 'start' ? '/check/' : `/check/${step}`);

  function readCookie(header) {
    if (!header) return undefined;
    for (const part of header.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === CHECK_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
    }
    return undefined;
  }

  /** src/server/self-check/page-context.ts checkContext(): the state, today, the journey, the check run at most once. */
  function context(req, lang) {
    const opened = open(readCookie(req.headers.cookie));
    const state = opened.status === 'ok' ? opened.state : emptyState();
    const asOf = todayInChina();
    const journey = selfCheckJourney(regions, asOf);
    let made;
    const check = () => (made ??= journey.check(state));
    const lost = opened.status === 'expired' || opened.status === 'invalid';
    return { opened, state, asOf, journey, check, next: () => journey.nextFrom(state, check), lost, lang, t: useTranslations(lang), path: (s) => stepPath(lang, s) };
  }

  /** The headers the portal sent for this request in the probe journey (or the defaults). */
  const probed = (method, path) => config.responses[`${method} ${path}`];

  function redirect(res, method, path, location, cookie) {
    const headers = { ...(probed(method, path)?.headers ?? { 'cache-control': 'no-store' }), location, 'content-length': 0 };
    if (cookie !== undefined) headers['set-cookie'] = cookie;
    res.writeHead(303, headers);
    res.end();
  }
  const sealed = (state) => `${CHECK_COOKIE}=${seal(state)}${COOKIE_ATTRIBUTES}`;
  const cleared = () => `${CHECK_COOKIE}=${CLEAR_ATTRIBUTES}`;

  /** The layout (src/layouts/Page.astro) around `main`, padded to the portal page's size. */
  function page(res, status, path, ctx, title, main, { cookie } = {}) {
    const { lang, t } = ctx;
    const other = lang === 'en' ? 'zh-CN' : 'en';
    const bare = lang === 'en' ? path.replace(/^\/en/, '') : path;
    const regionOptions = config.regions.map((r) => `<option value="${esc(r.id)}">${esc(pick(lang, r.shortName ?? r.name).text)}</option>`).join('');
    const head =
      `<!DOCTYPE html><html lang="${lang}" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${esc(title)} - ${esc(t('site.name'))}</title><meta name="robots" content="noindex">` +
      `<link rel="alternate" hreflang="zh-CN" href="${esc(localePath('zh-CN', bare))}"><link rel="alternate" hreflang="en" href="${esc(localePath('en', bare))}">` +
      '<link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/display.css"><style>';
    const body =
      `</style></head><body><a class="skip-link" href="#main">${esc(t('skipLink.label'))}</a><header class="site-header">` +
      `<a class="lang-switch" href="${esc(localePath(other, bare))}" hreflang="${other}">${other === 'en' ? 'English' : '中文'}</a>` +
      `<a class="brand" href="${esc(localePath(lang, '/'))}">${esc(t('site.name'))}</a>` +
      `<form class="wrap region" method="get" action="${esc(localePath(lang, '/services/'))}"><select id="region-choice" name="region">${regionOptions}</select></form></header>` +
      `<div class="wrap"><nav class="breadcrumbs"><ol><li><a href="${esc(localePath(lang, '/'))}">${esc(t('header.home'))}</a></li>` +
      `<li><a href="${esc(ctx.path('start'))}">${esc(t('check.short'))}</a></li><li aria-current="page">${esc(title)}</li></ol></nav>` +
      `<main id="main" tabindex="-1">${main}</main></div><footer class="site-footer"><p>${esc(t('footer.note'))}</p></footer></body></html>\n`;
    const target = probed('GET', path)?.bytes ?? 0;
    const fill = Math.max(0, target - Buffer.byteLength(head) - Buffer.byteLength(body));
    const html = Buffer.from(head + ' '.repeat(fill) + body);
    const headers = { ...(probed('GET', path)?.headers ?? DEFAULT_HEADERS), 'content-length': html.length };
    if (cookie !== undefined) headers['set-cookie'] = cookie;
    res.writeHead(status, headers);
    res.end(html);
  }

  // ---- /check/ (index.astro) ----
  function startPage(req, res, path, ctx, form) {
    if (form) {
      const action = form.get('action');
      if (action === 'clear') return redirect(res, 'POST', path, `${ctx.path('start')}?cleared=1`, cleared());
      if (action === 'start') return redirect(res, 'POST', path, ctx.path(ctx.next()));
    }
    const { t } = ctx;
    const inProgress = ctx.opened.status === 'ok';
    const main =
      `<h1>${esc(t('check.title'))}</h1>` +
      (ctx.lost ? `<p class="notice" role="status">${esc(t(ctx.opened.status === 'expired' ? 'check.expired' : 'check.unreadable'))}</p>` : '') +
      (form ? `<p class="notice" role="alert">${esc(t('check.error.origin'))}</p>` : '') +
      `<p class="lead prose">${esc(t('check.lead'))}</p><h2>${esc(t('check.about.heading'))}</h2><ul class="prose">` +
      ['notApplication', 'forOthers', 'dontKnow', 'nothingStored'].map((k) => `<li>${esc(t(`check.about.${k}`))}</li>`).join('') +
      `</ul>${inProgress ? `<p class="prose">${esc(t('check.inProgress'))}</p>` : ''}` +
      `<form method="post" action="${esc(ctx.path('start'))}" class="actions"><button class="button" type="submit" name="action" value="start">${esc(t(inProgress ? 'check.continue' : 'check.start'))}</button>` +
      (inProgress ? `<button class="button secondary" type="submit" name="action" value="clear">${esc(t('check.clear'))}</button>` : '') +
      '</form>';
    page(res, form ? 400 : 200, path, ctx, t('check.title'), main, { cookie: ctx.lost ? cleared() : undefined });
  }

  // ---- /check/<step> ([step].astro) ----
  function stepPage(req, res, path, ctx, step, q, form) {
    const { state, asOf, t, lang, journey } = ctx;
    if (ctx.lost) return redirect(res, req.method, path, ctx.path('start'));
    const shown = showable(journey, state, step);
    if (!shown) return redirect(res, req.method, path, ctx.path(ctx.next()));

    let error;
    const fields = form && { get: (name) => form.get(name), getAll: (name) => form.getAll(name) };
    if (form !== undefined) {
      if (!form) error = { field: shown.answer.fields[0], code: 'origin' };
      else {
        const done = submit(shown, state, fields, { asOf });
        if (done.ok) return redirect(res, 'POST', path, ctx.path(journey.nextFrom(done.state, () => journey.check(done.state))), sealed(done.state));
        error = done.error;
      }
    }

    // Where "back" goes and the step's number: from the trail in the state.
    const way = back(journey, state, step, step === 'confirm' ? 'certificateNumber' : undefined);
    const backHref = ctx.path(way.to);
    const number = way.number;
    const values = fieldValues(shown, state, fields || undefined);
    const title = step === 'region' ? t('check.region.label') : step === 'confirm' ? t('check.confirm.title') : say(lang, q.label);
    const hint = step === 'region' ? t('check.region.hint') : q?.hint ? say(lang, q.hint) : undefined;
    const current = (name) => {
      const v = values[name];
      return typeof v === 'string' ? v : v?.[0];
    };
    const message = (e) => (e.code === 'origin' ? t('check.error.origin') : answerMessage(lang, e.code, `check.${step}`));
    const errorHtml = error ? `<p class="error" id="answer-error"><span class="visually-hidden">${esc(t('errorSummary.title'))}: </span>${esc(message(error))}</p>` : '';
    const hintHtml = hint ? `<p class="hint" id="answer-hint">${esc(hint)}</p>` : '';
    const describedBy = [hint ? 'answer-hint' : '', error ? 'answer-error' : ''].filter(Boolean).join(' ');

    // The island's data (components/check/CheckIsland.astro), JSON in an attribute.
    const region = state.region ? regions.get(state.region) : undefined;
    const data = region && {
      asOf,
      region,
      answers: state.answers,
      skipped: state.skipped,
      titles: Object.fromEntries(region.services.map((id) => [id, pick(lang, serviceTitles[id]).text])),
      strings: {
        heading: t('check.live.heading'),
        summary: t('check.live.summary', { eligible: '{eligible}', unknown: '{unknown}', ineligible: '{ineligible}' }),
        eligible: t('check.results.eligible'),
        unknown: t('check.results.unknown'),
        ineligible: t('check.results.ineligible'),
        failed: t('check.live.failed'),
      },
    };

    let field;
    if (q?.answer.kind === 'certificateNumber') {
      field =
        `<div class="field"><h1 id="step-heading" tabindex="-1"><label for="certificateNumber">${esc(title)}</label></h1>${hintHtml}${errorHtml}` +
        `<input id="certificateNumber" name="certificateNumber" type="text" class="input" autocomplete="off" spellcheck="false" inputmode="text" maxlength="40" value="${esc(form?.get('certificateNumber') ?? '')}"${describedBy ? ` aria-describedby="${describedBy}"` : ''}${error ? ' aria-invalid="true"' : ''}></div>`;
    } else if (q?.answer.kind === 'date') {
      field =
        `<fieldset${describedBy ? ` aria-describedby="${describedBy}"` : ''}><legend><h1 id="step-heading" tabindex="-1">${esc(title)}</h1></legend>${hintHtml}${errorHtml}<div class="date">` +
        ['year', 'month', 'day'].map((part) =>
          `<div class="field"><label for="date-${part}">${esc(t(`check.date.${part}`))}</label><input id="date-${part}" name="${part}" type="text" inputmode="numeric" class="input ${part}" autocomplete="bday-${part}" maxlength="${part === 'year' ? 4 : 2}" value="${esc(current(part) ?? '')}"></div>`,
        ).join('') +
        '</div></fieldset>';
    } else {
      const name = step === 'region' ? 'region' : 'answer';
      const choices =
        step === 'region' ? config.regions.map((r) => ({ value: r.id, label: pick(lang, r.name).text }))
        : step === 'confirm' ? [{ value: 'yes', label: t('check.confirm.yes') }, { value: 'no', label: t('check.confirm.no') }]
        : q.answer.kind === 'yesNo' ? [{ value: 'yes', label: t('check.yes') }, { value: 'no', label: t('check.no') }]
        : (q.options ?? []).map((o) => ({ value: o.value, label: say(lang, o.label), hint: o.hint && say(lang, o.hint) }));
      const chosen = current(name);
      const radio = (c, i) =>
        `<div class="radio"><input type="radio" id="${name}-${i}" name="${name}" value="${esc(c.value)}"${chosen === c.value ? ' checked' : ''}${c.hint ? ` aria-describedby="${name}-${i}-hint"` : ''}>` +
        `<label for="${name}-${i}">${esc(c.label)}${c.hint ? `<span class="hint" id="${name}-${i}-hint">${esc(c.hint)}</span>` : ''}</label></div>`;
      field =
        `<fieldset${describedBy ? ` aria-describedby="${describedBy}"` : ''}><legend>` +
        (step === 'confirm' ? `<h2 id="confirm-question">${esc(t('check.confirm.question'))}</h2>` : `<h1 id="step-heading" tabindex="-1">${esc(title)}</h1>`) +
        `</legend>${hintHtml}${errorHtml}<div class="radios">${choices.map(radio).join('')}` +
        (q?.answer.allowsUnknown && q.answer.kind !== 'certificateNumber' ? `<p class="or">${esc(t('check.or'))}</p>${radio({ value: DONT_KNOW, label: t('check.dontKnow') }, choices.length)}` : '') +
        `</div>${step === 'region' ? `<p class="hint">${esc(t('check.region.notListed'))}</p>` : ''}</fieldset>`;
    }
    const pending = state.pending;
    const confirmHtml =
      step === 'confirm' && pending
        ? `<h1 id="step-heading" tabindex="-1">${esc(title)}</h1><p>${esc(t('check.confirm.lead'))}</p><dl class="facts">` +
          `<dt>${esc(say(lang, question('birthDate').label))}</dt><dd>${esc(formatDate(lang, pending.birthDate))}</dd>` +
          (pending.category ? `<dt>${esc(say(lang, question('category').label))}</dt><dd>${esc(optionLabel(lang, question('category'), pending.category))}</dd>` : '') +
          (pending.level ? `<dt>${esc(say(lang, question('level').label))}</dt><dd>${esc(optionLabel(lang, question('level'), String(pending.level)))}</dd>` : '') +
          `</dl>${pending.warnings.map((w) => `<p class="notice">${esc(t(`identity.warning.${w}`))}</p>`).join('')}`
        : '';
    const main =
      `<a class="back" href="${esc(backHref)}">${esc(t('check.back'))}</a>` +
      (error ? `<div class="error-summary" role="alert"><h2>${esc(t('errorSummary.title'))}</h2><ul><li><a href="#answer-0">${esc(message(error))}</a></li></ul></div>` : '') +
      `<tx-eligibility-check data-step="${step}"${data ? ` data-check="${esc(JSON.stringify(data))}"` : ''}>` +
      `<form method="post" action="${esc(ctx.path(step))}" novalidate data-step="${step}"><p class="muted caption">${esc(t('check.short'))} · ${esc(t('check.progress', { n: number }))}</p>` +
      confirmHtml + field +
      `<div class="actions"><button class="button" type="submit" name="action" value="continue">${esc(t('check.next'))}</button>` +
      (q?.answer.kind === 'certificateNumber' ? `<button class="button secondary" type="submit" name="action" value="skip">${esc(t('check.certificate.skip'))}</button>` : '') +
      '</div></form></tx-eligibility-check><script type="module" src="/_astro/island.js"></script>' +
      `<form method="post" action="${esc(ctx.path('start'))}" class="clear"><button class="button secondary" type="submit" name="action" value="clear" aria-describedby="clear-hint">${esc(t('check.clear'))}</button>` +
      `<span class="hint" id="clear-hint">${esc(t('check.clearHint'))}</span></form>`;
    page(res, error ? 400 : 200, path, ctx, error ? `${t('errorSummary.title')}: ${title}` : title, main);
  }

  /** check-page.ts unfinished(): where the summary and results send a person who is not done. */
  const unfinished = (ctx) => {
    if (ctx.lost) return ctx.path('start');
    const next = ctx.next();
    return next !== 'summary' ? ctx.path(next) : undefined;
  };

  // ---- /check/summary (summary.astro) ----
  function summaryPage(req, res, path, ctx) {
    const away = unfinished(ctx);
    if (away) return redirect(res, req.method, path, away);
    const { t, lang, state } = ctx;
    const region = regionInfo.get(state.region);
    const rows = answerRows(lang, ctx.journey, state, region ? pick(lang, region.name).text : '');
    const main =
      `<h1>${esc(t('check.summary.title'))}</h1><p class="lead">${esc(t('check.summary.lead'))}</p><dl class="summary-list">` +
      rows.map((r) => `<div class="row"><dt>${esc(r.label)}</dt><dd>${esc(r.value)}</dd><dd class="change"><a href="${esc(ctx.path(r.id))}">${esc(t('check.summary.change'))}<span class="visually-hidden">: ${esc(r.label)}</span></a></dd></div>`).join('') +
      `</dl><p><a class="button" href="${esc(ctx.path('results'))}">${esc(t('check.summary.seeResults'))}</a></p>` +
      `<form method="post" action="${esc(ctx.path('start'))}" class="clear"><button class="button secondary" type="submit" name="action" value="clear">${esc(t('check.clear'))}</button></form>`;
    page(res, 200, path, ctx, t('check.summary.title'), main);
  }

  // ---- /check/results (results.astro) ----
  const STATUSES = ['eligible', 'unknown', 'ineligible'];
  const REASON = { met: 'check.results.met', notMet: 'check.results.notMet', unknown: 'check.results.notKnown' };
  function resultsPage(req, res, path, ctx) {
    const away = unfinished(ctx);
    if (away) return redirect(res, req.method, path, away);
    const { t, lang, state, asOf } = ctx;
    const region = regionInfo.get(state.region);
    const regionName = pick(lang, region.name);
    const { results } = ctx.check();
    const groups = grouped(results);
    const answers = answerRows(lang, ctx.journey, state, regionName.text);
    const reasonsHtml = (r) =>
      '<ul class="reasons">' +
      r.reasons.map((reason) =>
        `<li class="${reason.status}"><strong>${esc(t(REASON[reason.status]))}${esc(t('punctuation.colon'))}</strong>${esc(say(lang, reason.text))}` +
        (reason.status === 'unknown'
          ? `<span class="detail">${esc(reason.missing.length ? t('check.results.answerToDecide', { questions: reason.missing.map((id) => say(lang, question(id).label)).join(lang === 'en' ? '; ' : '；') }) : t('check.results.askOffice'))}</span>`
          : '') +
        '</li>',
      ).join('') +
      '</ul>' +
      // Each source once, with its clause (the portal shows titles; here the ids stand in for them).
      `<p class="sources muted">${esc(t('check.results.source'))}${esc(t('punctuation.colon'))}${[...new Set(r.reasons.map((x) => `${x.source}${x.clause ? ` ${x.clause}` : ''}`))].map((x) => `<cite>${esc(x)}</cite>`).join(esc(t('punctuation.listSeparator')))}</p>`;
    const item = (status, r) => {
      const title = pick(lang, serviceTitles[r.service]).text;
      const href = localePath(lang, `/services/${r.service}/`);
      const key = r.reasons.find((x) => x.status === (status === 'ineligible' ? 'notMet' : 'unknown'));
      const keyText = !key
        ? t('check.results.allMet', { count: r.reasons.length })
        : key.status === 'unknown' && key.missing.length
          ? key.missing.map((id) => say(lang, question(id).label)).join(lang === 'en' ? ' ' : '')
          : say(lang, key.text);
      const action =
        status === 'eligible' ? { href: `${href}#apply`, label: t('check.results.howToApply') }
        : key?.status === 'unknown' && key.missing.length ? { href: ctx.path(key.missing[0]), label: t('check.results.answerNow') }
        : status === 'unknown' ? undefined
        : { href, label: t('check.results.moreAbout') };
      return { r, title, href, keyText, action };
    };
    const why = (status, group) =>
      '<details class="why">' +
      (status === 'eligible'
        ? `<summary>${esc(t('check.results.key.eligible'))}</summary><p class="all-met">${esc(group[0].keyText)}</p>`
        : `<summary><strong>${esc(t(`check.results.key.${status}`))}</strong>${esc(group[0].keyText)}<span class="visually-hidden">${esc(t('punctuation.open'))}${esc(group.map((g) => g.title).join(t('punctuation.listSeparator')))}${esc(t('punctuation.close'))}</span></summary>`) +
      group.map((g) => (group.length > 1 ? `<p class="service-name">${esc(g.title)}</p>` : '') + reasonsHtml(g.r)).join('') +
      '</details>';
    const list = (status) => {
      const items = groups[status].map((r) => item(status, r));
      const entries = status === 'unknown' ? [...Map.groupBy(items, (i) => `${i.keyText}|${i.action?.href ?? ''}`).values()] : items.map((i) => [i]);
      return (
        '<ul class="results">' +
        entries.map((group) => {
          const first = group[0];
          const names = group.map((g) => `<h3 id="result-${g.r.service}"><a href="${esc(g.href)}">${esc(g.title)}</a></h3>`).join('');
          const action = first.action ? `<a class="action" href="${esc(first.action.href)}">${esc(first.action.label)}<span class="visually-hidden">${esc(t('punctuation.colon'))}${esc(first.title)}</span></a>` : '';
          return status === 'eligible'
            ? `<li class="result"><div class="head">${names}${action}${why(status, group)}</div></li>`
            : `<li class="result"><div class="head">${names}${action}</div>${why(status, group)}</li>`;
        }).join('') +
        '</ul>'
      );
    };
    const heading = (status) => `${esc(t(`check.results.${status}`))}${esc(t('punctuation.open'))}${groups[status].length}${esc(t('punctuation.close'))}`;
    const body = (status) =>
      !groups[status].length
        ? `<p>${esc(t('check.results.none'))}</p>`
        : status === 'ineligible'
          ? `<details class="more"><summary>${esc(t('check.results.showThese', { count: groups[status].length }))}</summary><p class="muted">${esc(t('check.results.ineligibleHint'))}</p>${list(status)}</details>`
          : list(status);
    const main =
      `<h1>${esc(t('check.results.title'))}</h1><p class="lead">${esc(t('check.results.lead', { region: regionName.text }))} ${esc(t('check.results.asOf', { date: formatDate(lang, asOf) }))}</p>` +
      `<section class="easy-read"><h2 id="easy-read-heading">${esc(t('check.results.easyRead.heading'))}</h2><ul>` +
      STATUSES.map((s) => `<li>${esc(t(`check.results.easyRead.${s}`, { count: groups[s].length }))}</li>`).join('') +
      `</ul><p>${esc(t('check.results.talk.short', { dpf: pick(lang, region.dpf).text }))}</p></section>` +
      STATUSES.map((status) => `<section class="group ${status}" aria-labelledby="group-${status}"><h2 id="group-${status}">${heading(status)}</h2>${body(status)}</section>`).join('') +
      `<section class="answers-box" aria-labelledby="answers-heading"><h2 id="answers-heading">${esc(t('check.results.answers'))}</h2><details class="more"><summary>${esc(t('check.results.showAnswers'))}</summary><dl class="answers">` +
      answers.map((a) => `<div><dt>${esc(a.label)}</dt><dd>${esc(a.value)}</dd></div>`).join('') +
      `</dl></details><p class="no-print"><a href="${esc(ctx.path('summary'))}">${esc(t('check.results.changeAnswers'))}</a></p></section>` +
      `<p class="no-print print-hint">${esc(t('check.results.printHint'))}</p>` +
      `<form method="post" action="${esc(ctx.path('start'))}" class="clear no-print"><button class="button secondary" type="submit" name="action" value="clear">${esc(t('check.clear'))}</button></form>`;
    page(res, 200, path, ctx, t('check.results.title'), main);
  }

  function route(req, res, path, form) {
    const lang = path === '/en' || path.startsWith('/en/') ? 'en' : 'zh-CN';
    const local = lang === 'en' ? path.slice(3) : path;
    const m = /^\/check(?:\/([A-Za-z]*))?\/?$/.exec(local);
    if (!m) return notFound(res);
    const step = m[1] ?? '';
    if (step === '') return startPage(req, res, path, context(req, lang), form);
    if (step === 'summary' || step === 'results') {
      if (form !== undefined) return notAllowed(res);
      return (step === 'summary' ? summaryPage : resultsPage)(req, res, path, context(req, lang));
    }
    const q = step === 'region' || step === 'confirm' ? undefined : question(step);
    if (step !== 'region' && step !== 'confirm' && !q) return notFound(res);
    // Every other method is 405 from the route table (src/middleware.ts) before the page runs.
    return stepPage(req, res, path, context(req, lang), step, q, form);
  }
  const notFound = (res) => {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': 9 });
    res.end('Not found');
  };
  const notAllowed = (res) => {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-length': 0 });
    res.end();
  };

  const server = http.createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    const path = req.url.split('?')[0];
    if (req.method === 'GET' || req.method === 'HEAD') return route(req, res, path, undefined);
    if (req.method !== 'POST') return notAllowed(res);
    // src/middleware.ts: a form post from another origin is refused.
    const origin = `http://${req.headers.host}`;
    if (req.headers.origin !== origin) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'content-length': 0 });
      return res.end();
    }
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size <= FORM_LIMIT) chunks.push(c);
    });
    req.on('end', () => {
      if (size > FORM_LIMIT) {
        res.writeHead(413, { 'content-length': 0, connection: 'close' });
        return res.end();
      }
      const type = req.headers['content-type'] ?? '';
      const form = type.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(Buffer.concat(chunks).toString('utf8')) : null;
      route(req, res, path, form);
    });
  });
  server.listen(Number(portArg), '127.0.0.1');
  const quit = () => {
    server.closeAllConnections?.();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.on('SIGTERM', quit);
  process.on('SIGINT', quit);
  process.on('disconnect', quit);
}
