import { LitElement } from 'lit';
import { formDataFields, type AnswerError } from '../domain/answers';
import { applicationJourney, type ApplicationState } from '../domain/applications/journey';
import { formById } from '../domain/applications/forms';

/** What ApplyIsland.astro gives the island in `data-apply` (the component builds it typed as this). */
export interface ApplyIslandData {
  form: string;
  step: string;
  regions: string[];
  asOf: string;
  /** Only what reading the page needs. */
  state: ApplicationState;
  /** Each field's question, worded, for the error summary of a page of several questions. */
  labels: Record<string, string>;
  /** The only question on the page: the summary gives the message alone. */
  single: boolean;
  /** The largest file kept, in bytes. */
  uploadLimit: number;
  /** Each error code's message, in the page's language. */
  messages: Record<string, string>;
  strings: Record<'errorTitle' | 'colon' | 'saving' | 'saved' | 'saveFailed' | 'uploading' | 'uploadFailed', string>;
}

/** A problem at a field: an answer type's code, or an upload's (`tooLarge`). */
type Problem = Pick<AnswerError, 'field'> & { code: string };

const CHOICE = new Set(['radio', 'checkbox']);
/** How long typing rests before it is saved. */
const AUTOSAVE_MS = 1500;

/**
 * <tx-application-form> enhances an application page's form (see ApplyIsland.astro):
 * - each field is checked when the person leaves it (a text box with something in it, or one
 *   already marked wrong) or changes it (a choice marked wrong), by the journey's own read of the
 *   page, so the message is the server's;
 * - Continue with a problem stays on the page: the error summary (focused, linking to each
 *   field) and each message at its field, as the server would render them;
 * - what is typed is saved to the draft a moment after typing stops (no page load), with a
 *   status line; the server keeps it unread until Continue;
 * - Upload sends the file in the background with its progress shown and announced.
 * Without it, or if anything fails, the plain form does all of this with page loads.
 */
export class ApplicationFormIsland extends LitElement {
  private data: ApplyIslandData | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private status: HTMLElement | undefined;
  private saving: Promise<void> = Promise.resolve();

  override createRenderRoot() {
    return this;
  }

  override connectedCallback() {
    super.connectedCallback();
    try {
      this.data = this.dataset.apply ? (JSON.parse(this.dataset.apply) as ApplyIslandData) : undefined;
    } catch {
      this.data = undefined;
    }
    const form = this.form;
    if (!this.data || !form) return;
    this.status = document.createElement('p');
    this.status.className = 'autosave muted';
    this.status.setAttribute('role', 'status');
    form.querySelector('.actions')?.after(this.status);
    this.addEventListener('focusout', this.onLeave);
    this.addEventListener('change', this.onChange);
    this.addEventListener('input', this.onInput);
    this.addEventListener('submit', this.onSubmit);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.removeEventListener('focusout', this.onLeave);
    this.removeEventListener('change', this.onChange);
    this.removeEventListener('input', this.onInput);
    this.removeEventListener('submit', this.onSubmit);
  }

  private get form(): HTMLFormElement | null {
    return this.querySelector('form');
  }

  /** Every problem of the page as it stands, read as the server reads it. */
  private problems(): AnswerError[] {
    const data = this.data!;
    const form = formById(data.form);
    const step = form && applicationJourney(form, data.regions, data.asOf).stepIn(data.step, data.state);
    if (!step) return [];
    const read = step.answer.read(formDataFields(new FormData(this.form!)), { asOf: data.asOf });
    return read.kind === 'error' ? [read.error, ...(read.more ?? [])] : [];
  }

  /** The field's message at the field, or none. */
  private mark(field: string, error: Problem | undefined) {
    const input = this.form?.querySelector<HTMLInputElement>(`[name="${CSS.escape(field)}"]`);
    const box = input?.closest<HTMLElement>('.question');
    if (!input || !box) return;
    const id = `${field}-error`;
    let message = box.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
    if (!error) {
      message?.remove();
      box.classList.remove('invalid');
      for (const el of this.described(box, input)) {
        el.removeAttribute('aria-invalid');
        setDescribedBy(el, id, false);
      }
      return;
    }
    if (!message) {
      message = document.createElement('p');
      message.className = 'error';
      message.id = id;
      // The field's own scoped styles (Astro marks each element of a component with its id).
      for (const { name, value } of [...box.attributes].filter((a) => a.name.startsWith('data-astro-cid-'))) message.setAttribute(name, value);
      // After the hint, as the server renders it.
      const hint = box.querySelector(`#${CSS.escape(field)}-hint`);
      if (hint) hint.after(message);
      else (box.querySelector('legend') ?? box.querySelector('label, h1'))?.after(message);
    }
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = `${this.data!.strings.errorTitle}${this.data!.strings.colon}`;
    message.replaceChildren(hidden, this.data!.messages[error.code] ?? error.code);
    box.classList.add('invalid');
    for (const el of this.described(box, input)) {
      if (!CHOICE.has(input.type)) el.setAttribute('aria-invalid', 'true');
      setDescribedBy(el, id, true);
    }
  }

  /** The element a message describes: the fieldset of choices, or the text box. */
  private described(box: HTMLElement, input: HTMLInputElement): HTMLElement[] {
    return CHOICE.has(input.type) ? [box] : [input];
  }

  private check(field: string) {
    this.mark(
      field,
      this.problems().find((e) => e.field === field),
    );
  }

  private onLeave = (event: FocusEvent) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement) || !input.name || CHOICE.has(input.type) || input.type === 'file') return;
    // Tabbing through is not a mistake: an empty box is checked once it has been marked wrong.
    if (input.value.trim() || input.closest('.question')?.classList.contains('invalid')) this.check(input.name);
  };

  private onChange = (event: Event) => {
    const input = event.target;
    if (input instanceof HTMLInputElement && CHOICE.has(input.type) && input.closest('.question')?.classList.contains('invalid')) this.check(input.name);
    this.scheduleSave();
  };

  private onInput = () => this.scheduleSave();

  private scheduleSave() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), AUTOSAVE_MS);
  }

  /** Saves what is typed, as typed (no file), to the draft. */
  private save(): Promise<void> {
    const form = this.form;
    const data = this.data;
    if (!form || !data || !this.status) return this.saving;
    const body = new URLSearchParams();
    new FormData(form).forEach((v, k) => {
      if (typeof v === 'string' && k !== 'action') body.append(k, v);
    });
    body.set('action', 'autosave');
    this.status.textContent = data.strings.saving;
    const status = this.status;
    this.saving = this.saving.then(async () => {
      try {
        const res = await fetch(form.getAttribute('action') ?? location.pathname, { method: 'POST', body, credentials: 'same-origin' });
        if (res.status !== 204) throw new Error(String(res.status));
        const time = new Date().toLocaleTimeString(document.documentElement.lang, { hour: '2-digit', minute: '2-digit' });
        status.textContent = data.strings.saved.replace('{time}', time);
      } catch {
        status.textContent = data.strings.saveFailed;
      }
    });
    return this.saving;
  }

  private onSubmit = (event: SubmitEvent) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !this.data) return;
    const button = event.submitter as HTMLButtonElement | null;
    const action = button?.name === 'remove' ? 'remove' : (button?.value ?? 'continue');
    if (action === 'upload') {
      if (this.upload(form, button!)) event.preventDefault();
      return;
    }
    if (action !== 'continue') return;
    clearTimeout(this.timer);
    const problems = this.problems();
    // Every field of the page: a message where there is a problem, none where there is not.
    const fields = new Set([...form.querySelectorAll<HTMLInputElement>('input[name], textarea[name]')].filter((i) => i.type !== 'file' && i.type !== 'hidden').map((i) => i.name));
    for (const field of fields)
      this.mark(
        field,
        problems.find((e) => e.field === field),
      );
    if (!problems.length) return;
    event.preventDefault();
    this.summarise(problems);
  };

  /** The error summary, as the server renders it, focused. */
  private summarise(problems: Problem[]) {
    const data = this.data!;
    const main = document.querySelector('main');
    document.querySelector('.error-summary')?.remove();
    const summary = document.createElement('div');
    summary.className = 'error-summary';
    summary.setAttribute('role', 'alert');
    summary.tabIndex = -1;
    summary.setAttribute('aria-labelledby', 'error-summary-title');
    const title = document.createElement('h2');
    title.id = 'error-summary-title';
    title.textContent = data.strings.errorTitle;
    const list = document.createElement('ul');
    for (const e of problems) {
      const input = this.form?.querySelector<HTMLInputElement>(`[name="${CSS.escape(e.field)}"]`);
      const link = document.createElement('a');
      link.href = `#${input?.id ?? e.field}`;
      const message = data.messages[e.code] ?? e.code;
      const label = data.labels[e.field];
      link.textContent = data.single || !label ? message : `${label.replace(/[？?]$/, '')}${data.strings.colon}${message}`;
      const item = document.createElement('li');
      item.append(link);
      list.append(item);
    }
    summary.append(title, list);
    (main?.querySelector('.back') ?? this).after(summary);
    if (!document.title.startsWith(data.strings.errorTitle)) document.title = `${data.strings.errorTitle}${data.strings.colon}${document.title}`;
    summary.focus();
  }

  /** Sends a file with its progress shown; false when there is no file to send (the server then says so). */
  private upload(form: HTMLFormElement, button: HTMLButtonElement): boolean {
    const section = button.closest('.question');
    const input = section?.querySelector<HTMLInputElement>('input[type="file"]');
    const file = input?.files?.[0];
    if (!section || !input || !file) return false;
    const data = this.data!;
    // Too large to be kept: said at once, not after sending it over a slow network.
    if (file.size > data.uploadLimit) {
      this.mark(input.name, { code: 'tooLarge', field: input.name });
      this.summarise([{ code: 'tooLarge', field: input.name }]);
      return true;
    }
    const progress = document.createElement('progress');
    progress.max = 100;
    progress.value = 0;
    progress.id = `${input.id}-progress`;
    const said = document.createElement('p');
    said.setAttribute('role', 'status');
    const words = (percent: number) => data.strings.uploading.replace('{name}', file.name).replace('{percent}', String(percent));
    progress.setAttribute('aria-label', words(0));
    said.textContent = words(0);
    button.after(progress, said);
    // The body before the button is disabled: a disabled button is not its submitter.
    const body = new FormData(form, button);
    button.disabled = true;
    let announced = 0;
    const request = new XMLHttpRequest();
    request.open('POST', form.getAttribute('action') ?? location.pathname);
    request.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.floor((e.loaded / e.total) * 100);
      progress.value = percent;
      progress.setAttribute('aria-label', words(percent));
      // Announced at each quarter, not at every step.
      if (percent >= announced + 25) {
        announced = percent - (percent % 25);
        said.textContent = words(announced);
      }
    });
    const failed = () => {
      button.disabled = false;
      progress.remove();
      said.textContent = data.strings.uploadFailed;
    };
    request.addEventListener('load', () => {
      // The documents page again: with the file listed (200), or with the problem (400), as a
      // page load would show it; focus on the problem, or on the material's heading.
      const page = request.status === 200 || request.status === 400 ? new DOMParser().parseFromString(request.responseText, 'text/html') : undefined;
      const fresh = page?.querySelector('main');
      const current = document.querySelector('main');
      if (!page || !fresh || !current) return failed();
      const heading = section.closest('section')?.querySelector('h2')?.id;
      current.replaceWith(document.importNode(fresh, true));
      document.title = page.title;
      const target = document.querySelector<HTMLElement>('.error-summary') ?? (heading ? document.getElementById(heading) : null);
      if (target) {
        target.tabIndex = -1;
        target.focus();
      }
    });
    request.addEventListener('error', failed);
    request.addEventListener('abort', failed);
    request.send(body);
    return true;
  }
}

/** Adds or removes `id` in the element's aria-describedby. */
function setDescribedBy(el: HTMLElement, id: string, on: boolean) {
  const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x && x !== id);
  if (on) ids.push(id);
  if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
  else el.removeAttribute('aria-describedby');
}

if (!customElements.get('tx-application-form')) customElements.define('tx-application-form', ApplicationFormIsland);
