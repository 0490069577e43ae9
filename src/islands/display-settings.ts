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

  private onChange = async (event: Event) => {
    const form = (event.target as HTMLElement).closest('form');
    if (!form) return;
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
      const link = document.querySelector<HTMLLinkElement>('link[href^="/display.css"]');
      if (link) link.href = `/display.css?v=${Date.now()}`;
      if (status) status.textContent = this.savedMessage;
    } catch {
      if (status) status.textContent = this.failedMessage;
    }
  };
}

customElements.define('tx-display-settings', TxDisplaySettings);

declare global {
  interface HTMLElementTagNameMap {
    'tx-display-settings': TxDisplaySettings;
  }
}
