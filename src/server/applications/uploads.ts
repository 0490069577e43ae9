/**
 * 上传材料 A document as uploaded (issue 11 point 5): its type read from its content, never from
 * its name or the browser's word; its size within the limit; and a photo's metadata removed
 * before it is kept (where it was taken, the camera, the time: a phone writes all of it).
 *
 * - JPEG: the segments before the image data are read one by one. APP1 (Exif, XMP), APP13
 *   (IPTC), APP3-APP12 and APP15 and comments are dropped; JFIF (APP0), the colour profile
 *   (APP2 ICC) and Adobe's colour flag (APP14) are kept, since the picture needs them. The one
 *   Exif tag a photo needs to be seen the right way up, Orientation, is written back alone.
 * - PNG: every chunk's length and CRC are checked; text chunks (tEXt, zTXt, iTXt), eXIf and tIME
 *   are dropped; the rest is kept as it was.
 * - PDF: `%PDF-1.x` at the start and `%%EOF` near the end. A PDF is not rewritten (it holds
 *   what the person chose to scan or write); it is kept as sent and never served publicly.
 *
 * Pure: bytes in, bytes or a refusal out.
 */

export const DOCUMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export type UploadProblem = 'empty' | 'tooLarge' | 'type' | 'damaged';

export type Checked = { ok: true; type: DocumentType; bytes: Uint8Array; stripped: boolean } | { ok: false; problem: UploadProblem };

/** The upload limit: `UPLOAD_MAX_BYTES` (default 10 MB, at least 1 KB, at most 50 MB). */
export function uploadLimit(env: Record<string, string | undefined>): number {
  const bytes = Number(env.UPLOAD_MAX_BYTES ?? 10 * 1024 * 1024);
  if (!Number.isSafeInteger(bytes) || bytes < 1024 || bytes > 50 * 1024 * 1024) throw new Error(`UPLOAD_MAX_BYTES must be a whole number of bytes from 1024 to 52428800 (got ${env.UPLOAD_MAX_BYTES})`);
  return bytes;
}

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The type the bytes are, by their content; undefined for anything else. */
export function sniff(bytes: Uint8Array): DocumentType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  return undefined;
}

/** Checks an upload and strips a photo's metadata. */
export function checkUpload(bytes: Uint8Array, maxBytes: number): Checked {
  if (bytes.length === 0) return { ok: false, problem: 'empty' };
  if (bytes.length > maxBytes) return { ok: false, problem: 'tooLarge' };
  const type = sniff(bytes);
  if (!type) return { ok: false, problem: 'type' };
  const cleaned = type === 'image/jpeg' ? stripJpeg(bytes) : type === 'image/png' ? stripPng(bytes) : checkPdf(bytes);
  if (!cleaned) return { ok: false, problem: 'damaged' };
  return { ok: true, type, bytes: cleaned, stripped: type !== 'application/pdf' && cleaned.length !== bytes.length };
}

// ── JPEG ───────────────────────────────────────────────────────────────────────────────────

/** APPn markers kept: APP0 (JFIF), APP2 (ICC profile), APP14 (Adobe). */
const KEPT_APP = new Set([0xe0, 0xe2, 0xee]);

/** The JPEG without metadata, or undefined when its segments do not hold together. */
export function stripJpeg(bytes: Uint8Array): Uint8Array | undefined {
  const out: Uint8Array[] = [bytes.subarray(0, 2)];
  let orientation: number | undefined;
  let i = 2;
  for (;;) {
    // Fill bytes (0xFF repeated) may precede a marker.
    while (i < bytes.length && bytes[i] === 0xff && bytes[i + 1] === 0xff) i++;
    if (i + 4 > bytes.length || bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1]!;
    // Markers without a length: TEM and RST (never before the scan in a good file), EOI (an empty image).
    if (marker === 0xd9 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) return undefined;
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (length < 2 || i + 2 + length > bytes.length) return undefined;
    const segment = bytes.subarray(i, i + 2 + length);
    if (marker === 0xda) {
      // Start of scan: the image data follows to the end; nothing after it is read.
      // After JFIF's APP0, which must come first when there is one.
      if (orientation !== undefined && orientation !== 1) out.splice(out[1]?.[1] === 0xe0 ? 2 : 1, 0, orientationSegment(orientation));
      out.push(bytes.subarray(i));
      return concat(out);
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (marker === 0xe1) orientation ??= exifOrientation(segment.subarray(4));
    if ((isApp && !KEPT_APP.has(marker)) || marker === 0xfe) {
      // dropped: Exif/XMP (APP1), IPTC (APP13), other APPn, comments (COM)
    } else out.push(segment);
    i += 2 + length;
  }
}

/** The Orientation tag (0x0112) of an Exif APP1 payload (`Exif\0\0` + TIFF), if any. */
export function exifOrientation(payload: Uint8Array): number | undefined {
  if (!startsWith(payload, [0x45, 0x78, 0x69, 0x66, 0, 0])) return undefined;
  const tiff = payload.subarray(6);
  if (tiff.length < 8) return undefined;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return undefined;
  const u16 = (o: number) => (o + 2 > tiff.length ? undefined : little ? tiff[o]! | (tiff[o + 1]! << 8) : (tiff[o]! << 8) | tiff[o + 1]!);
  const u32 = (o: number) =>
    o + 4 > tiff.length
      ? undefined
      : little
        ? (tiff[o]! | (tiff[o + 1]! << 8) | (tiff[o + 2]! << 16)) + tiff[o + 3]! * 2 ** 24
        : tiff[o]! * 2 ** 24 + ((tiff[o + 1]! << 16) | (tiff[o + 2]! << 8) | tiff[o + 3]!);
  const ifd = u32(4);
  if (ifd === undefined) return undefined;
  const count = u16(ifd);
  if (count === undefined) return undefined;
  for (let n = 0; n < Math.min(count, 500); n++) {
    const entry = ifd + 2 + n * 12;
    if (u16(entry) === 0x0112 && u16(entry + 2) === 3) {
      const value = u16(entry + 8);
      return value !== undefined && value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** An APP1 Exif segment holding nothing but the Orientation tag (big-endian TIFF, one IFD entry). */
export function orientationSegment(orientation: number): Uint8Array {
  const tiff = [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const length = payload.length + 2;
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
}

// ── PNG ────────────────────────────────────────────────────────────────────────────────────

const DROPPED_PNG = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The PNG without text, time or Exif chunks, or undefined when its chunks do not hold together. */
export function stripPng(bytes: Uint8Array): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Uint8Array[] = [bytes.subarray(0, 8)];
  let i = 8;
  let first = true;
  while (i + 12 <= bytes.length) {
    const length = view.getUint32(i);
    if (i + 12 + length > bytes.length) return undefined;
    const type = String.fromCharCode(...bytes.subarray(i + 4, i + 8));
    if (!/^[A-Za-z]{4}$/.test(type) || (first && type !== 'IHDR')) return undefined;
    if (crc32(bytes.subarray(i + 4, i + 8 + length)) !== view.getUint32(i + 8 + length)) return undefined;
    if (!DROPPED_PNG.has(type)) out.push(bytes.subarray(i, i + 12 + length));
    i += 12 + length;
    first = false;
    if (type === 'IEND') return concat(out);
  }
  return undefined;
}

// ── PDF ────────────────────────────────────────────────────────────────────────────────────

function checkPdf(bytes: Uint8Array): Uint8Array | undefined {
  if (!/^%PDF-[12]\.\d/.test(new TextDecoder('latin1').decode(bytes.subarray(0, 8)))) return undefined;
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  return tail.includes('%%EOF') ? bytes : undefined;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
