import { LitElement } from 'lit';

/**
 * <tx-display-settings> wraps the server-rendered settings form. When JavaScript runs, each
 * change is saved at once (the same POST the form makes without JS, so the cookie and the
 * server's stylesheet stay the single source of truth), the page's /display.css is reloaded,
 * and the result is announced politely. Without JS the form's Save button does the same.
 */
export class TxDisplaySettings extends LitElement {
  static override properties = {
    savedMessage: { attribute: 'data-saved-message' },
    failedMessage: { attribute: 'data-failed-message' },
  };

  /** Announced after a change is applied. */
  declare savedMessage: string;
  /** Announced when the change could not be saved (the Save button still works). */
  declare failedMessage: string;

  constructor() {
    super();
    this.savedMessage = '';
    this.failedMessage = '';
  }

  override createRenderRoot() {
    return this;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.addEventListener('change', this.onChange);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.removeEventListener('change', this.onChange);
  }

  private get status(): HTMLElement | null {
    return this.querySelector('[data-status]');
  }

  /** The save in flight, if any; a change made meanwhile is saved after it, never beside it. */
  private saving: Promise<void> | null = null;
  private changedWhileSaving = false;

  private onChange = (event: Event) => {
    const form = (event.target as HTMLElement).closest('form');
    if (!form) return;
    // Two saves at once could reach the server (or two of its workers) in either order and
    // leave the older choice in the cookie. Save one at a time; the last save sends the form
    // as it stands, so the last choice always wins.
    if (this.saving) {
      this.changedWhileSaving = true;
      return;
    }
    this.saving = this.saveUntilSettled(form).finally(() => {
      this.saving = null;
    });
  };

  private async saveUntilSettled(form: HTMLFormElement) {
    do {
      this.changedWhileSaving = false;
      await this.save(form);
    } while (this.changedWhileSaving);
  }

  private async save(form: HTMLFormElement) {
    const status = this.status;
    try {
      // form.action would return the buttons named "action"; the attribute is the URL.
      const response = await fetch(form.getAttribute('action') ?? location.pathname, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>),
        headers: { accept: 'text/html' },
        credentials: 'same-origin',
      });
      if (!response.ok) throw new Error(String(response.status));
      // A visitor who had no setting before has no /display.css linked yet (README "Display settings").
      let link = document.querySelector<HTMLLinkElement>('link[href^="/display.css"]');
      if (!link) {
        link = document.createElement('link');
        link.rel = 'stylesheet';
        document.head.append(link);
      }
      link.href = `/display.css?v=${Date.now()}`;
      if (status) status.textContent = this.savedMessage;
    } catch {
      if (status) status.textContent = this.failedMessage;
    }
  }
}

customElements.define('tx-display-settings', TxDisplaySettings);

declare global {
  interface HTMLElementTagNameMap {
    'tx-display-settings': TxDisplaySettings;
  }
}
