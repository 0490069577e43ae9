/**
 * The GOV.UK Frontend comparison page: the page template's markup (template.njk, written out
 * as HTML), with the header, service navigation, skip link and footer as govuk-frontend ships
 * them rendered (components/<name>/template-*.html), the compiled CSS and JS from
 * node_modules/govuk-frontend/dist/govuk/, and initAll() as its docs show.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HEADINGS, escapeHtml as e } from './service-text.mjs';
import { installedPackage } from './util.mjs';

function govuk() {
  const p = installedPackage('govuk-frontend');
  if (!p) throw new Error('govuk-frontend is not installed (npm i -D govuk-frontend)');
  return p;
}

export const govukDist = () => join(govuk().dir, 'dist', 'govuk');
export const govukVersion = () => govuk().version;

/** Path of the generated page inside the site (same path as Tongxing's). */
export const GOVUK_PAGE = '/services/living-subsidy/';

/** Writes the site into `outDir` (emptied first). */
export function buildGovuk(outDir, text) {
  const dist = govukDist();
  const component = (name, example) => readFileSync(join(dist, 'components', name, `template-${example}.html`), 'utf8').trim();

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'stylesheets'), { recursive: true });
  mkdirSync(join(outDir, 'javascripts'), { recursive: true });
  cpSync(join(dist, 'assets'), join(outDir, 'assets'), { recursive: true });
  cpSync(join(dist, 'govuk-frontend.min.css'), join(outDir, 'stylesheets', 'govuk-frontend.min.css'));
  cpSync(join(dist, 'govuk-frontend.min.js'), join(outDir, 'javascripts', 'govuk-frontend.min.js'));

  // The shipped examples, with the link to gov.uk pointed home (nothing leaves this machine)
  // and the service name and skip link in the page's language.
  const header = component('header', 'default').replace('href="//gov.uk"', 'href="/"');
  const serviceNav = component('service-navigation', 'with-service-name')
    .replace('aria-label="Service information"', 'aria-label="服务信息"')
    .replace('>Service name<', '>同行<');
  const skipLink = component('skip-link', 'default')
    .replace('#test-target-element', '#main-content')
    .replace('Skip to main content', '跳到主要内容');
  const footer = component('footer', 'default');

  const row = (key, value) => `
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">${e(key)}</dt>
            <dd class="govuk-summary-list__value"><p class="govuk-body">${e(value)}</p></dd>
          </div>`;

  const html = `<!DOCTYPE html>
<html lang="zh-CN" class="govuk-template">
  <head>
    <meta charset="utf-8">
    <title>${e(text.title)} - 同行</title>
    <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
    <meta name="theme-color" content="#1d70b8">
    <meta name="description" content="${e(text.summary)}">
    <link rel="icon" sizes="48x48" href="/assets/images/favicon.ico">
    <link rel="icon" sizes="any" href="/assets/images/favicon.svg" type="image/svg+xml">
    <link rel="mask-icon" href="/assets/images/govuk-icon-mask.svg" color="#1d70b8">
    <link rel="apple-touch-icon" href="/assets/images/govuk-icon-180.png">
    <link rel="manifest" href="/assets/manifest.json">
    <link rel="stylesheet" href="/stylesheets/govuk-frontend.min.css">
  </head>
  <body class="govuk-template__body">
    <script>document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');</script>
    ${skipLink}
    <header class="govuk-template__header">
      ${header}
      ${serviceNav}
    </header>
    <div class="govuk-width-container">
      <main class="govuk-main-wrapper" id="main-content">
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <h1 class="govuk-heading-xl">${e(text.title)}</h1>
            <p class="govuk-body-l">${e(text.summary)}</p>
            <h2 class="govuk-heading-m">${e(HEADINGS.eligibility)}</h2>
            <ul class="govuk-list govuk-list--bullet">
${text.eligibility.map((x) => `              <li>${e(x)}</li>`).join('\n')}
            </ul>
            <h2 class="govuk-heading-m">${e(HEADINGS.steps)}</h2>
            <ol class="govuk-list govuk-list--number">
${text.steps.map((x) => `              <li>${e(x)}</li>`).join('\n')}
            </ol>
            <h2 class="govuk-heading-m">要点</h2>
            <dl class="govuk-summary-list">${row(HEADINGS.benefits, text.benefits)}${row(HEADINGS.decision, text.decision)}${row(HEADINGS.appeal, text.appeal)}
            </dl>
          </div>
        </div>
      </main>
    </div>
    <footer class="govuk-template__footer">
      ${footer}
    </footer>
    <script type="module" src="/javascripts/govuk-frontend.min.js"></script>
    <script type="module">
      import { initAll } from '/javascripts/govuk-frontend.min.js'
      initAll()
    </script>
  </body>
</html>
`;
  const pageDir = join(outDir, ...GOVUK_PAGE.split('/').filter(Boolean));
  mkdirSync(pageDir, { recursive: true });
  writeFileSync(join(pageDir, 'index.html'), html);
  return GOVUK_PAGE;
}
