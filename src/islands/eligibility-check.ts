import { LitElement, html, nothing, render } from 'lit';
import { checkIn, type Answers, type Evaluation, type QuestionId, type RegionData, type Status } from '../domain/eligibility';
import { selfCheckJourney } from '../domain/eligibility/self-check';
import { showable, submit } from '../domain/journey';
import { formDataFields } from '../domain/answers';

interface Data {
  asOf: string;
  region: RegionData;
  answers: Answers;
  skipped: QuestionId[];
  titles: Record<string, string>;
  strings: Record<'heading' | 'summary' | 'eligible' | 'unknown' | 'ineligible' | 'failed', string>;
}

const STATUSES: Status[] = ['eligible', 'unknown', 'ineligible'];

/**
 * <tx-eligibility-check> enhances a server-rendered self-check step (see CheckIsland.astro):
 * - live results: as the person picks an answer, the same engine the server uses re-runs in
 *   the page and the counts are announced politely (aria-live);
 * - one page: "Continue" posts the same form in the background (so the server's encrypted
 *   cookie stays the record of the answers), and the next step's content replaces this one,
 *   with focus moved to its heading and the title, URL, breadcrumb and language switch updated;
 * - if anything fails, the plain form is still there and the answers saved so far are kept.
 */
export class EligibilityCheck extends LitElement {
  private data: Data | undefined;
  private live: HTMLElement | undefined;
  private lastAnnounced = '';

  override createRenderRoot() {
    return this;
  }

  override connectedCallback() {
    super.connectedCallback();
    try {
      this.data = this.dataset.check ? (JSON.parse(this.dataset.check) as Data) : undefined;
    } catch {
      this.data = undefined;
    }
    this.addEventListener('change', this.onChange);
    this.addEventListener('submit', this.onSubmit);
    if (this.data) {
      this.live = document.createElement('section');
      this.live.className = 'live-results';
      this.live.setAttribute('aria-labelledby', 'live-results-heading');
      this.append(this.live);
      this.update_(this.data.answers, this.data.skipped, false);
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.removeEventListener('change', this.onChange);
    this.removeEventListener('submit', this.onSubmit);
  }

  /** The answers as they would be with the form's current choice: the journey's own submit, run in the page. */
  private tentative(): { answers: Answers; skipped: QuestionId[] } | undefined {
    const data = this.data;
    const form = this.querySelector('form');
    if (!data) return undefined;
    const state = { region: data.region.id, answers: data.answers, skipped: data.skipped };
    const journey = selfCheckJourney(new Map([[data.region.id, data.region]]), data.asOf);
    const step = form && showable(journey, state, form.dataset.step ?? '');
    // The region, the confirmation and the certificate number change no result until sent.
    if (!form || !step || step.id === 'region' || step.id === 'confirm' || step.id === 'certificateNumber') return state;
    const fields = new FormData(form);
    const done = submit(step, state, formDataFields(fields), { asOf: data.asOf });
    return done.ok ? { answers: done.state.answers, skipped: done.state.skipped } : state;
  }

  private onChange = (event: Event) => {
    untickExclusive(event.target);
    const next = this.tentative();
    if (next) this.update_(next.answers, next.skipped, true);
  };

  private update_(answers: Answers, skipped: QuestionId[], announce: boolean) {
    const data = this.data;
    if (!data || !this.live) return;
    const { results } = checkIn(data.region, answers, data.asOf, skipped);
    // A service already paid is not offered (the results page names it apart).
    const by = (s: Status) => results.filter((r: Evaluation) => r.status === s && !r.alreadyReceived);
    const counts = Object.fromEntries(STATUSES.map((s) => [s, by(s).length])) as Record<Status, number>;
    const summary = data.strings.summary.replace(/\{(\w+)\}/g, (_, k: Status) => String(counts[k]));
    render(
      html`<h2 id="live-results-heading">${data.strings.heading}</h2>
        <p role="status" aria-live="polite">${announce || this.lastAnnounced ? summary : nothing}</p>
        ${announce || this.lastAnnounced ? nothing : html`<p>${summary}</p>`}
        ${STATUSES.map((s) =>
          counts[s]
            ? html`<h3>${data.strings[s]} (${counts[s]})</h3>
                <ul>
                  ${by(s).map((r) => html`<li>${data.titles[r.service] ?? r.service}</li>`)}
                </ul>`
            : nothing,
        )}`,
      this.live,
    );
    if (announce) this.lastAnnounced = summary;
  }

  private onSubmit = async (event: SubmitEvent) => {
    const form = event.target as HTMLFormElement;
    if (!(form instanceof HTMLFormElement) || !this.contains(form)) return;
    event.preventDefault();
    const body = new URLSearchParams();
    new FormData(form, event.submitter).forEach((v, k) => body.append(k, v.toString()));
    const button = event.submitter as HTMLButtonElement | null;
    if (button) button.disabled = true;
    try {
      const response = await fetch(form.getAttribute('action') ?? location.pathname, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        credentials: 'same-origin',
      });
      // Only another step shares this page's styles (and their CSP hashes): go anywhere else normally.
      const landed = new URL(response.url || location.href).pathname;
      if (!/\/check\/[A-Za-z]+$/.test(landed) || /\/check\/(summary|results)$/.test(landed)) {
        location.assign(response.url);
        return;
      }
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const main = page.querySelector('main');
      const current = document.querySelector('main');
      if (!main || !current) throw new Error('no page');
      current.replaceWith(main);
      document.title = page.title;
      // What names the page outside <main> follows it: the breadcrumb's current step and the
      // language switch's address (each the new page's own), and the alternate-language links.
      for (const selector of ['nav.breadcrumbs', 'a.lang-switch', 'link[rel="alternate"][hreflang]']) {
        const fresh = page.querySelectorAll(selector);
        const old = document.querySelectorAll(selector);
        if (fresh.length === old.length) old.forEach((node, i) => node.replaceWith(document.importNode(fresh[i]!, true)));
      }
      if (response.url && response.url !== location.href) history.pushState(null, '', response.url);
      // The new step's heading, or the error summary when the answer was refused.
      const target = main.querySelector<HTMLElement>('.error-summary') ?? main.querySelector<HTMLElement>('#step-heading, h1');
      target?.setAttribute('tabindex', '-1');
      target?.focus();
    } catch {
      if (button) button.disabled = false;
      const status = this.live?.querySelector('[role="status"]') ?? form.querySelector('.actions');
      if (status && this.data) status.textContent = this.data.strings.failed;
    }
  };
}

// Back and forward after a background step: the server knows where the person is.
addEventListener('popstate', () => location.reload());

if (!customElements.get('tx-eligibility-check')) customElements.define('tx-eligibility-check', EligibilityCheck);

/**
 * GOV.UK's exclusive checkbox: ticking "none of these" or "I don't know" unticks the other boxes,
 * and ticking a box unticks those. Without JavaScript the server refuses the mix with a message.
 */
function untickExclusive(target: EventTarget | null) {
  if (!(target instanceof HTMLInputElement) || target.type !== 'checkbox' || !target.checked || !target.form) return;
  const group = [...target.form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].filter((box) => box.name === target.name && box !== target);
  for (const box of group) if (target.hasAttribute('data-exclusive') || box.hasAttribute('data-exclusive')) box.checked = false;
}
