/**
 * Finds the Chromium the browser tests and benchmarks drive (Debian's, never a download:
 * the machines reach no browser CDN). CHROME_PATH overrides. When it is missing and we are
 * root, Debian's `chromium` is installed; otherwise we stop and name the command. The same for
 * a Chinese font: without one Chromium draws Chinese as empty boxes, and the layout, reflow and
 * header tests would measure the wrong glyphs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

export function ensureChromium() {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && !process.env.CHROME_PATH) {
    console.log('Chromium is missing: installing Debian\'s chromium for the browser tests…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
    if (existsSync(path)) return path;
  }
  console.error(
    `The browser tests need Chromium at ${path}, and it is not there.\n` +
      `Install it with:  sudo apt-get install -y chromium\n` +
      `or point CHROME_PATH at a Chromium or Chrome binary.`,
  );
  process.exit(1);
}

/** Whether fontconfig knows a font for Chinese (`fc-list :lang=zh`). */
function hasChineseFont() {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

/** Makes sure a Chinese font is installed (Debian's fonts-noto-cjk, as root), or stops and says how. */
export function ensureChineseFont() {
  if (hasChineseFont()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) {
    console.log('No Chinese font: installing Debian\'s fonts-noto-cjk, so Chromium draws Chinese text…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'fonts-noto-cjk'], { stdio: 'inherit', env });
    if (hasChineseFont()) return;
  }
  console.error(
    'The browser tests need a Chinese font (without one Chromium draws Chinese as empty boxes).\n' +
      'Install it with:  sudo apt-get install -y fonts-noto-cjk',
  );
  process.exit(1);
}
