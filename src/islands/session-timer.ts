import { LitElement } from 'lit';

/** How long before the idle limit the warning comes (WCAG 2.2.1 asks for at least 20 seconds). */
export const WARN_BEFORE_MS = 5 * 60_000;
/** A save that reached the server moved the limit on, though maybe up to a minute ago (sessions.ts touches once a minute). */
const TOUCHED_MS = 29 * 60_000;

/**
 * <tx-session-timer> enhances the staff bar's "stay signed in" form (which works without it: it
 * posts and comes back). It counts down the session's idle limit from the seconds the server
 * gave (no clock of the server needed), and five minutes before the end shows a warning, read
 * out once, next to the button; the button then extends the session in place. At the end it says
 * the session is over and where a decision being written went. Another island's save (the
 * decision draft) tells it the session was used. Light DOM: the page's styles apply.
 */
export class TxSessionTimer extends LitElement {
  private deadline = 0;
  private warnTimer?: ReturnType<typeof setTimeout>;
  private endTimer?: ReturnType<typeof setTimeout>;
  private warning?: HTMLElement;

  override createRenderRoot() {
    return this;
  }

  private get form(): HTMLFormElement | null {
    return this.querySelector('form');
  }

  private text(name: 'until' | 'warn' | 'ended' | 'failed', time?: number): string {
    const template = this.dataset[name] ?? '';
    if (time === undefined) return template;
    const clock = new Date(time).toLocaleTimeString(this.dataset.lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
    return template.replace('{time}', clock);
  }

  override connectedCallback() {
    super.connectedCallback();
    this.schedule(Date.now() + Number(this.dataset.secondsLeft ?? 0) * 1000);
    this.form?.addEventListener('submit', this.extend);
    window.addEventListener('tx-session-used', this.used);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.warnTimer);
    clearTimeout(this.endTimer);
    this.form?.removeEventListener('submit', this.extend);
    window.removeEventListener('tx-session-used', this.used);
  }

  private schedule(deadline: number) {
    this.deadline = deadline;
    clearTimeout(this.warnTimer);
    clearTimeout(this.endTimer);
    this.warnTimer = setTimeout(() => this.say(this.text('warn', this.deadline)), Math.max(0, deadline - WARN_BEFORE_MS - Date.now()));
    this.endTimer = setTimeout(() => this.end(), Math.max(0, deadline - Date.now()));
  }

  /** The warning, in a live region made when it is needed (so it is read out), before the button. */
  private say(message: string) {
    if (!this.warning) {
      this.warning = document.createElement('p');
      this.warning.className = 'session-warning';
      this.warning.setAttribute('role', 'alert');
      this.form?.prepend(this.warning);
    }
    this.warning.textContent = message;
  }

  private quiet() {
    this.warning?.remove();
    this.warning = undefined;
  }

  private end() {
    this.say(this.text('ended'));
    this.form?.querySelector('button')?.setAttribute('hidden', '');
  }

  private readonly used = () => {
    if (this.deadline > Date.now()) {
      this.quiet();
      this.schedule(Date.now() + TOUCHED_MS);
    }
  };

  private readonly extend = async (event: SubmitEvent) => {
    const form = this.form;
    if (!form) return;
    event.preventDefault();
    try {
      const response = await fetch(form.getAttribute('action') ?? '', { method: 'POST', body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>), headers: { Accept: 'application/json' }, credentials: 'same-origin', redirect: 'manual' });
      const body = response.ok ? ((await response.json()) as { secondsLeft?: number }) : {};
      if (typeof body.secondsLeft !== 'number') throw new Error('not extended');
      this.quiet();
      this.schedule(Date.now() + body.secondsLeft * 1000);
      const state = this.querySelector<HTMLElement>('[data-session-state]');
      if (state) {
        state.setAttribute('role', 'status');
        state.textContent = this.text('until', this.deadline);
      }
    } catch {
      this.say(this.text('failed'));
    }
  };
}

customElements.define('tx-session-timer', TxSessionTimer);

declare global {
  interface HTMLElementTagNameMap {
    'tx-session-timer': TxSessionTimer;
  }
  interface WindowEventMap {
    'tx-session-used': Event;
  }
}
