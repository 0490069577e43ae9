/** Number formats shown to people: sizes and durations in each language. */
import type { Lang } from '../i18n';

/** 291688 → "285 KB" / "285 KB"; 1.5 MB above a megabyte. Binary units, as file managers show. */
export function formatBytes(bytes: number, lang: Lang): string {
  const nf = (n: number, digits: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(n);
  if (bytes < 1024) return `${nf(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${nf(bytes / 1024, 0)} KB`;
  return `${nf(bytes / (1024 * 1024), 1)} MB`;
}

/** 5 → "5秒" / "5 seconds"; 75 → "1分15秒" / "1 minute 15 seconds". */
export function formatDuration(seconds: number, lang: Lang): string {
  const total = Math.round(seconds);
  const m = Math.floor(total / 60);
  const s = total % 60;
  if (lang === 'zh-CN') return `${m ? `${m}分` : ''}${s || !m ? `${s}秒` : ''}`;
  const unit = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  return [m ? unit(m, 'minute') : '', s || !m ? unit(s, 'second') : ''].filter(Boolean).join(' ');
}
