#!/usr/bin/env node
/**
 * Makes the sample video that exercises the sign-language player: a 4-second test pattern
 * with a tone, Chinese captions, a poster frame, and its manifest in content/videos with the
 * measured length and size. It is labelled a sample everywhere: it is not sign language.
 * Needs Debian's ffmpeg (`apt-get install ffmpeg`). Run: npm run video:sample
 */
import { execFileSync } from 'node:child_process';
import { statSync, writeFileSync, mkdirSync } from 'node:fs';

const out = 'public/videos';
mkdirSync(out, { recursive: true });
const mp4 = `${out}/sample.mp4`;
const seconds = 4;
const ffmpeg = (...args) => execFileSync('ffmpeg', ['-y', '-loglevel', 'error', ...args], { stdio: 'inherit' });

ffmpeg(
  '-f', 'lavfi', '-i', `testsrc2=size=480x270:rate=15:duration=${seconds}`,
  '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=44100:duration=${seconds}`,
  '-c:v', 'libx264', '-preset', 'veryslow', '-crf', '34', '-pix_fmt', 'yuv420p', '-profile:v', 'main',
  '-c:a', 'aac', '-b:a', '32k', '-movflags', '+faststart', '-shortest', mp4,
);
ffmpeg('-i', mp4, '-ss', '1', '-frames:v', '1', '-q:v', '6', `${out}/sample.jpg`);

const cues = ['这是一个示例视频。', '它用来测试手语视频播放器。', '这里还没有手语讲解。'];
const stamp = (s) => `00:00:${String(Math.floor(s)).padStart(2, '0')}.${String(Math.round((s % 1) * 1000)).padStart(3, '0')}`;
const step = seconds / cues.length;
const vtt = ['WEBVTT', '', ...cues.flatMap((text, i) => [`${i + 1}`, `${stamp(i * step)} --> ${stamp((i + 1) * step)}`, text, ''])].join('\n');
writeFileSync(`${out}/sample.zh.vtt`, vtt);

const duration = Number(
  execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', mp4]).toString().trim(),
);
const bytes = statSync(mp4).size;
writeFileSync(
  'content/videos/sample.yaml',
  `# Made by scripts/make-sample-video.mjs: a test pattern, not sign language. Re-run the script to remake it.
title: { zh: 示例视频（测试播放器）, en: "Sample video (to test the player)" }
signer: { zh: 无（示例视频，没有手语演示者）, en: "None (a sample video with no signer)" }
file: /videos/sample.mp4
poster: /videos/sample.jpg
captions: /videos/sample.zh.vtt
durationSeconds: ${Math.round(duration * 100) / 100}
bytes: ${bytes}
transcript:
  zh: ${cues.join('')}
  en: This is a sample video. It is used to test the sign-language video player. There is no sign-language explanation here yet.
sample: true
`,
);
console.log(`sample video: ${bytes} bytes, ${duration} s`);
