import { describe, expect, it } from 'vitest';
import { auditCsv, rowHash } from './audit';

describe('auditCsv', () => {
  it('writes RFC 4180 with a header, quotes what needs it, and defuses formulas', () => {
    const csv = auditCsv([
      { seq: 1, at: '2026-12-03T08:00:00.000Z', actor: 'a', role: 'supervisor', office: 'supervisor', action: 'view', reference: 'ABCDEFGHJK', target: null, purpose: 'caseHandling', requestId: 'r1' },
      { seq: 2, at: '2026-12-03T08:00:01.000Z', actor: '=HYPERLINK("x")', role: 'r,ole', office: 'o"ffice', action: 'download', reference: null, target: '@sum', purpose: 'line\nbreak', requestId: '-1' },
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,role,office,action,reference,target,purpose,request_id');
    expect(lines[1]).toBe('1,2026-12-03T08:00:00.000Z,a,supervisor,supervisor,view,ABCDEFGHJK,,caseHandling,r1');
    expect(csv).toContain(`"'=HYPERLINK(""x"")","r,ole","o""ffice",download,,'@sum,"line\nbreak",'-1`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

describe('rowHash', () => {
  it('changes with the previous hash and with any field', () => {
    const row = { seq: 1, at: 'x', actor: 'a', role: 'r', office: 'o', action: 'view', application_id: null, target: null, purpose: 'p', request_id: 'q' };
    const base = rowHash('0', row);
    expect(rowHash('1', row)).not.toBe(base);
    for (const key of Object.keys(row) as (keyof typeof row)[]) expect(rowHash('0', { ...row, [key]: key === 'seq' ? 2 : 'changed' }), key).not.toBe(base);
  });
});
