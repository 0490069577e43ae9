/**
 * The living-subsidy service text in Chinese, read from content/services/living-subsidy.yaml,
 * so the comparison pages hold the same words as Tongxing's service page.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Section headings used by both comparison pages (plain Chinese, as on a service page). */
export const HEADINGS = {
  eligibility: '谁可以申请',
  benefits: '能得到什么',
  steps: '怎么申请',
  decision: '谁来决定',
  appeal: '有疑问或想投诉',
};

export function serviceText(file) {
  const s = parse(readFileSync(file, 'utf8'));
  const zh = (v) => {
    if (!v || typeof v !== 'object' || typeof v.zh !== 'string') throw new Error(`${file}: expected a { zh, en } text, got ${JSON.stringify(v)}`);
    return v.zh;
  };
  return {
    title: zh(s.title),
    summary: zh(s.summary),
    eligibility: s.eligibility.map(zh),
    benefits: zh(s.benefits.description),
    steps: s.apply.steps.map(zh),
    decision: zh(s.decision),
    appeal: zh(s.appeal),
  };
}

export const escapeHtml = (s) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
