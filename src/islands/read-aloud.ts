import { LitElement, html, nothing } from 'lit';

/** Speaking rates offered: slower helps people who are learning to read or to listen. */
const RATES = [0.75, 1, 1.25] as const;
/** The CSS Custom Highlight that marks the sentence being read (styled in ReadAloud.astro). */
export const HIGHLIGHT = 'tx-read-aloud';
/** Elements whose text is read, each as a whole (the outermost one, so nothing is read twice). */
const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption, summary, blockquote, figcaption';
/** What is not the page's content: navigation, forms, the player and this control, hidden text. */
const SKIP = 'nav, form, tx-read-aloud, [data-slot="sign-language"], .kept-region, [hidden], [aria-hidden="true"], script, style, template, .visually-hidden';

export interface Sentence {
  text: string;
  range: Range;
}

/** The text nodes of `block` that are read, in order. */
function textNodes(block: Element): Text[] {
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  return nodes;
}

/** The sentences of `root`'s content, in reading order, each with the range it covers on the page. */
export function readableSentences(root: Element, lang: string): Sentence[] {
  const segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
  const out: Sentence[] = [];
  for (const block of root.querySelectorAll(BLOCKS)) {
    if (block.parentElement?.closest(BLOCKS) && root.contains(block.parentElement.closest(BLOCKS))) continue;
    if (block.closest(SKIP) || block.getClientRects().length === 0) continue;
    const nodes = textNodes(block);
    const text = nodes.map((n) => n.data).join('');
    // Offset in the block's text → the node and the offset in it.
    const at = (offset: number): [Text, number] => {
      let rest = offset;
      for (const node of nodes) {
        if (rest <= node.data.length) return [node, rest];
        rest -= node.data.length;
      }
      const last = nodes[nodes.length - 1]!;
      return [last, last.data.length];
    };
    for (const { segment, index } of segmenter.segment(text)) {
      const spoken = segment.trim();
      if (!spoken) continue;
      const start = index + segment.indexOf(spoken);
      const range = document.createRange();
      range.setStart(...at(start));
      range.setEnd(...at(start + spoken.length));
      out.push({ text: spoken.replace(/\s+/g, ' '), range });
    }
  }
  return out;
}

/** A voice for the page's language (zh-CN → any zh voice, en → any en voice), or none. */
export function voiceFor(voices: readonly SpeechSynthesisVoice[], lang: string): SpeechSynthesisVoice | undefined {
  const primary = lang.toLowerCase().split('-')[0]!;
  const matching = voices.filter((v) => v.lang.toLowerCase().replace('_', '-').split('-')[0] === primary);
  return matching.find((v) => v.lang.toLowerCase().replace('_', '-') === lang.toLowerCase()) ?? matching.find((v) => v.localService) ?? matching[0];
}

type State = 'idle' | 'playing' | 'paused';

/**
 * <tx-read-aloud> reads the page's main content aloud with the browser's speech synthesis, in
 * the page's language, marking the sentence being read; with pause, stop and a speed choice. It
 * shows nothing until it has a voice for the language (none, and it stays absent), and it never
 * starts by itself. Without JavaScript it is an empty element. Light DOM: the page's styles and
 * focus indicator apply. One toggle button (read, pause, resume) keeps focus where it is.
 */
export class TxReadAloud extends LitElement {
  static override properties = {
    labels: { type: Object, attribute: 'data-labels' },
    voice: { state: true },
    state: { state: true },
    rate: { state: true },
  };

  declare labels: { read: string; pause: string; resume: string; stop: string; speed: string; group: string };
  declare voice: SpeechSynthesisVoice | undefined;
  declare state: State;
  declare rate: number;
  private sentences: Sentence[] = [];
  private index = 0;
  /** Bumped at every new utterance: callbacks of a cancelled one are ignored. */
  private token = 0;

  constructor() {
    super();
    this.labels = { read: '', pause: '', resume: '', stop: '', speed: '', group: '' };
    this.voice = undefined;
    this.state = 'idle';
    this.rate = 1;
  }

  override createRenderRoot() {
    return this;
  }

  private get pageLang(): string {
    return this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
  }

  private readonly findVoice = () => {
    this.voice = voiceFor(window.speechSynthesis.getVoices(), this.pageLang);
  };

  override connectedCallback() {
    super.connectedCallback();
    if (!('speechSynthesis' in window) || typeof SpeechSynthesisUtterance === 'undefined') return;
    this.findVoice();
    // Voices often arrive after the page loads.
    window.speechSynthesis.addEventListener('voiceschanged', this.findVoice);
    window.addEventListener('pagehide', this.stop);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    if ('speechSynthesis' in window) window.speechSynthesis.removeEventListener('voiceschanged', this.findVoice);
    window.removeEventListener('pagehide', this.stop);
    this.stop();
  }

  private mark(range: Range | undefined) {
    if (!('highlights' in CSS)) return;
    if (range) CSS.highlights.set(HIGHLIGHT, new Highlight(range));
    else CSS.highlights.delete(HIGHLIGHT);
  }

  private speak(i: number) {
    const sentence = this.sentences[i];
    if (!sentence) return this.stop();
    this.index = i;
    const token = ++this.token;
    const u = new SpeechSynthesisUtterance(sentence.text);
    u.lang = this.pageLang;
    if (this.voice) u.voice = this.voice;
    u.rate = this.rate;
    u.onend = () => {
      if (token === this.token && this.state === 'playing') this.speak(i + 1);
    };
    u.onerror = () => {
      if (token === this.token) this.stop();
    };
    this.mark(sentence.range);
    const block = sentence.range.startContainer.parentElement;
    block?.scrollIntoView({ block: 'nearest', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    window.speechSynthesis.speak(u);
  }

  private toggle() {
    if (this.state === 'playing') {
      window.speechSynthesis.pause();
      this.state = 'paused';
    } else if (this.state === 'paused') {
      window.speechSynthesis.resume();
      this.state = 'playing';
    } else {
      const main = document.querySelector('main') ?? document.body;
      this.sentences = readableSentences(main, this.pageLang);
      if (!this.sentences.length) return;
      window.speechSynthesis.cancel();
      this.state = 'playing';
      this.speak(0);
    }
  }

  readonly stop = () => {
    if (this.state === 'idle') return;
    this.state = 'idle';
    this.token++;
    window.speechSynthesis.cancel();
    this.mark(undefined);
  };

  private choose(rate: number) {
    this.rate = rate;
    // The sentence being read starts again at the new speed.
    if (this.state === 'playing') {
      this.token++;
      window.speechSynthesis.cancel();
      this.speak(this.index);
    }
  }

  override render() {
    if (!this.voice) return nothing;
    const label = this.state === 'playing' ? this.labels.pause : this.state === 'paused' ? this.labels.resume : this.labels.read;
    return html`<div class="read-aloud" role="group" aria-label=${this.labels.group}>
      <button class="button secondary" type="button" @click=${this.toggle}>${label}</button>
      ${this.state === 'idle' ? nothing : html`<button class="button secondary" type="button" @click=${this.stop}>${this.labels.stop}</button>`}
      <label class="rate"
        >${this.labels.speed}
        <select @change=${(e: Event) => this.choose(Number((e.target as HTMLSelectElement).value))}>
          ${RATES.map((r) => html`<option .value=${String(r)} ?selected=${r === this.rate}>${r}×</option>`)}
        </select></label
      >
    </div>`;
  }
}

customElements.define('tx-read-aloud', TxReadAloud);

declare global {
  interface HTMLElementTagNameMap {
    'tx-read-aloud': TxReadAloud;
  }
}
