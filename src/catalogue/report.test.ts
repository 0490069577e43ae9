import { describe, expect, it } from 'vitest';
import { reportRow, reportText, reportTotals } from './report';

const complete = {
  title: { zh: '测试', en: 'Test' },
  summary: { zh: '摘要', en: 'Summary' },
  materials: 'unknown',
  apply: { steps: [{ zh: '一', en: 'One' }], timeLimits: 'unknown' },
  sources: [{ source: 'a' }, { source: 'b' }],
  signVideo: 'sample',
  easyRead: [{ question: { zh: '这是什么？', en: 'What is it?' }, answer: [{ zh: '钱。', en: 'Money.' }] }],
};

describe('content report', () => {
  it('counts sources, video, easy read and unknown sections', () => {
    expect(reportRow({ id: 'x', data: complete })).toEqual({
      id: 'x',
      title: '测试',
      missingEnglish: [],
      easyReadSections: 1,
      easyReadMissingEnglish: 0,
      hasVideo: true,
      sources: 2,
      unknowns: ['materials', 'apply.timeLimits'],
    });
  });

  it('shows a missing translation, in the page and in the easy-read version', () => {
    const data = {
      ...complete,
      summary: { zh: '摘要' },
      signVideo: undefined,
      easyRead: [{ question: { zh: '这是什么？' }, answer: [{ zh: '钱。' }] }],
    };
    const row = reportRow({ id: 'y', data });
    expect(row.missingEnglish).toEqual(['summary']);
    expect(row.easyReadMissingEnglish).toBe(2);
    expect(row.hasVideo).toBe(false);
    const text = reportText([row]);
    expect(text).toContain('NO (1)');
    expect(text).toContain('NO (2)');
    expect(reportTotals([row]).fullyTranslated).toBe(0);
  });
});
