import { LitElement } from 'lit';

/** How long after the last keystroke the draft is saved. */
const QUIET_MS = 1500;

/**
 * <tx-decision-draft> saves a decision form as a draft while it is written (the form's own
 * "save as draft" button does the same without JavaScript): a while after the last change it
 * posts the form with `save=draft`, asking for JSON, and says politely when the draft was kept,
 * or that it was not. Each save also tells the session timer the session was used. Light DOM.
 */
export class TxDecisionDraft extends LitElement {
  private timer?: ReturnType<typeof setTimeout>;
  private sending?: Promise<void>;

  override createRenderRoot() {
    return this;
  }

  private get form(): HTMLFormElement | null {
    return this.querySelector('form');
  }

  override connectedCallback() {
    super.connectedCallback();
    this.addEventListener('input', this.changed);
    this.addEventListener('change', this.changed);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.removeEventListener('input', this.changed);
    this.removeEventListener('change', this.changed);
  }

  private readonly changed = () => {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), QUIET_MS);
  };

  private async save() {
    const form = this.form;
    if (!form) return;
    await this.sending; // one save at a time, in order
    // As the form itself posts: URL-encoded (the staff routes take no multipart bodies).
    // The form's own "action" attribute: it has a button named "action", which `form.action` would give.
    const body = new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
    body.set('save', 'draft');
    const state = this.querySelector<HTMLElement>('[data-draft-state]');
    this.sending = (async () => {
      try {
        const response = await fetch(form.getAttribute('action') ?? '', { method: 'POST', body, headers: { Accept: 'application/json' }, credentials: 'same-origin', redirect: 'manual' });
        const saved = response.ok ? ((await response.json()) as { savedAt?: string }) : {};
        if (!saved.savedAt) throw new Error('not saved');
        if (state) state.textContent = (this.dataset.saved ?? '').replace('{time}', saved.savedAt);
        window.dispatchEvent(new Event('tx-session-used'));
      } catch {
        if (state) state.textContent = this.dataset.failed ?? '';
      }
    })();
    await this.sending;
  }
}

customElements.define('tx-decision-draft', TxDecisionDraft);

declare global {
  interface HTMLElementTagNameMap {
    'tx-decision-draft': TxDecisionDraft;
  }
}
