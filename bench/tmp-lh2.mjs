import { runLighthouse } from './lib/lighthouse.mjs';
import { readFileSync } from 'node:fs';
for (const u of process.argv.slice(2)) {
  const r = await runLighthouse(u, { name: 'tmp', outDir: '/tmp/lhtmp' });
  const j = JSON.parse(readFileSync('/tmp/lhtmp/tmp.report.json', 'utf8'));
  const a = j.audits;
  console.log(u, r.scores.performance, 'FCP', Math.round(r.metrics.fcp), 'LCP', Math.round(r.metrics.lcp), 'TBT', Math.round(r.metrics.tbt), 'SI', Math.round(r.metrics.si));
  console.log('  breakdown', a['mainthread-work-breakdown'].details.items.map((i) => i.groupLabel + ':' + Math.round(i.duration)).join(', '));
  console.log('  long', (a['long-tasks'].details?.items || []).map((i) => (i.url || '').replace(/.*\//, '') + '@' + Math.round(i.startTime) + '+' + Math.round(i.duration)).join(', '));
  console.log('  bootup', (a['bootup-time'].details?.items || []).map((i) => (i.url || '').slice(-50) + ':' + Math.round(i.total) + '/' + Math.round(i.scripting)).join(', '));
  console.log('  lost', r.lost.performance.map((l) => `${l.id}:${l.score}`).join(', '));
}
