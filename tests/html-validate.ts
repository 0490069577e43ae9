/**
 * html-validate as the conformance tests run it, over the pages of the crawl and the forms sent
 * back (tests/a11y/refused-forms.test.ts). Zero errors and zero warnings allowed.
 *
 * The rules are html-validate's "recommended" set, checkboxes allowed to share a name (a many-of
 * question's boxes are one field), and two rules turned off for reasons of this site:
 * - tel-non-breaking: our tel: links are a sentence around 12385 (需要帮助？拨打 12385 残疾人服务热线),
 *   a number with no space in it; the sentence should wrap at 400% zoom.
 * - long-title: a title names the page and the site in full (WCAG 2.4.2) and English service
 *   names run long; 70 characters is a search-result display heuristic, not a rule of HTML.
 */
import { HtmlValidate, type ConfigData } from 'html-validate';

export const HTML_VALIDATE_CONFIG: ConfigData = {
  extends: ['html-validate:recommended'],
  rules: {
    'tel-non-breaking': 'off',
    'long-title': 'off',
    // A many-of question's checkboxes share one name, as HTML forms send ticked boxes.
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
  },
};
const validator = new HtmlValidate(HTML_VALIDATE_CONFIG);

/** Every message html-validate gives for a page (`where` names it in the messages). */
export async function htmlProblems(html: string, where: string): Promise<string[]> {
  const report = await validator.validateString(html, where);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message} (${m.selector ?? ''})`));
}
