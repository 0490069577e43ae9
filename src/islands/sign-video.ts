import { LitElement, html } from 'lit';

/** Playback speeds offered: slower signing is easier to follow for learners and older viewers. */
const SPEEDS = [0.5, 0.75, 1] as const;

/**
 * <tx-sign-video> enhances the server-rendered sign-language player with a visible
 * 0.5× / 0.75× / 1× speed choice (native radio buttons, so keyboard and screen readers need
 * nothing new). The <video> and its native controls work without it. Light DOM: the page's
 * styles and focus indicator apply unchanged.
 */
export class TxSignVideo extends LitElement {
  static override properties = {
    speedLabel: { attribute: 'data-speed-label' },
    speed: { state: true },
  };

  /** Legend of the speed choice, already translated by the page. */
  declare speedLabel: string;
  /** Current playback rate. */
  declare speed: number;

  constructor() {
    super();
    this.speedLabel = '';
    this.speed = 1;
  }

  private get video(): HTMLVideoElement | null {
    return this.querySelector('video');
  }

  override createRenderRoot() {
    // Render the control straight after the <video>, in light DOM.
    this.renderOptions.renderBefore = this.video?.nextElementSibling ?? null;
    return this;
  }

  private choose(rate: number) {
    this.speed = rate;
    const video = this.video;
    if (video) {
      video.playbackRate = rate;
      video.defaultPlaybackRate = rate;
    }
  }

  override render() {
    if (!this.video) return html``;
    return html`<fieldset class="speed">
      <legend>${this.speedLabel}</legend>
      <div class="speed-options">
        ${SPEEDS.map(
          (rate) => html`<label class="radio"
            ><input
              type="radio"
              name="sign-video-speed"
              .value=${String(rate)}
              .checked=${this.speed === rate}
              @change=${() => this.choose(rate)}
            />${rate}×</label
          >`,
        )}
      </div>
    </fieldset>`;
  }
}

customElements.define('tx-sign-video', TxSignVideo);

declare global {
  interface HTMLElementTagNameMap {
    'tx-sign-video': TxSignVideo;
  }
}
