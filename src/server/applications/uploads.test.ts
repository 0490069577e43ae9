/**
 * Uploads by content, not name: JPEG, PNG and PDF recognised by their bytes, everything else
 * refused; a photo's metadata gone (GPS, camera, comments, text chunks) with its orientation kept;
 * damaged files refused; the size limit. The JPEG is the project's own poster frame
 * (public/videos/sample.jpg) with an Exif block of a phone's kind written into it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { checkUpload, crc32, exifOrientation, orientationSegment, sniff, stripJpeg, stripPng, uploadLimit } from './uploads';

const MB = 1024 * 1024;
const ascii = (s: string) => [...Buffer.from(s, 'latin1')];
const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));

/** An Exif APP1 as a phone writes it: little-endian TIFF, Make, Orientation, and a GPS IFD pointer with "GPS" data after. */
function phoneExif(orientation: number): Uint8Array {
  const entries = [
    [0x010f, 2, 6, 26], // Make → "PhoneX" at offset 26 (count 6 > 4: an offset)
    [0x0112, 3, 1, orientation],
    [0x8825, 4, 1, 32], // GPS IFD at 32
  ];
  const tiff: number[] = [0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, entries.length, 0];
  for (const [tag, type, count, value] of entries) tiff.push(tag! & 0xff, tag! >> 8, type!, 0, count!, 0, 0, 0, value! & 0xff, value! >> 8, 0, 0);
  tiff.push(0, 0, 0, 0);
  while (tiff.length < 26) tiff.push(0);
  tiff.push(...ascii('PhoneX'));
  tiff.push(...ascii('GPS 43.8N 126.5E Jilin'));
  const payload = [...ascii('Exif\0\0'), ...tiff];
  const length = payload.length + 2;
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
}

/** The poster frame with the phone's Exif after its APP0, and an XMP APP1 and an IPTC APP13 too. */
function phonePhoto(orientation = 6): Uint8Array {
  const jpeg = readFileSync(new URL('../../../public/videos/sample.jpg', import.meta.url));
  const app0End = 4 + ((jpeg[4]! << 8) | jpeg[5]!);
  const segment = (marker: number, text: string) => {
    const body = ascii(text);
    return Uint8Array.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
  };
  return Buffer.concat([
    jpeg.subarray(0, app0End),
    phoneExif(orientation),
    segment(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPSLatitude</x:xmpmeta>'),
    segment(0xed, 'Photoshop 3.0\0IPTC City Jilin'),
    jpeg.subarray(app0End),
  ]);
}

/** A 1×1 PNG with text, time and Exif chunks. */
function png(
  extra: [string, string][] = [
    ['tEXt', 'Location\0Jilin'],
    ['tIME', '\x07\xea\x0c\x02\x08\x00\x00'],
    ['eXIf', 'MM\0*GPS'],
  ],
): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...extra.map(([type, data]) => chunk(type, Buffer.from(data, 'latin1'))),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk('IEND', new Uint8Array()),
  ]);
}

const pdf = () => Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

describe('uploads', () => {
  it('recognises JPEG, PNG and PDF by content, whatever they are called', () => {
    expect(sniff(phonePhoto())).toBe('image/jpeg');
    expect(sniff(png())).toBe('image/png');
    expect(sniff(pdf())).toBe('application/pdf');
    for (const other of ['GIF89a....', 'PK\x03\x04 a zip', '<html><script>', 'MZ an exe', '\x00\x00\x00\x18ftypheic']) {
      expect(checkUpload(Buffer.from(other, 'latin1'), MB)).toEqual({ ok: false, problem: 'type' });
    }
  });

  it("removes a photo's location, camera, XMP, IPTC and comments, keeps the picture and its orientation", () => {
    const photo = phonePhoto(6);
    expect(has(photo, 'GPS') && has(photo, 'PhoneX') && has(photo, 'Lavc')).toBe(true);
    const checked = checkUpload(photo, MB);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const out = checked.bytes;
    expect(checked).toMatchObject({ type: 'image/jpeg', stripped: true });
    for (const gone of ['GPS', 'PhoneX', 'xmpmeta', 'IPTC', 'Lavc']) expect(has(out, gone), gone).toBe(false);
    // JFIF first, then the Exif block with the orientation alone.
    expect([...out.subarray(0, 4)]).toEqual([0xff, 0xd8, 0xff, 0xe0]);
    const app0End = 4 + ((out[4]! << 8) | out[5]!);
    expect([...out.subarray(app0End, app0End + orientationSegment(6).length)]).toEqual([...orientationSegment(6)]);
    expect(exifOrientation(orientationSegment(6).subarray(4))).toBe(6);
    // The image data is untouched, to its end.
    const original = readFileSync(new URL('../../../public/videos/sample.jpg', import.meta.url));
    const sos = (b: Uint8Array) => Buffer.from(b).indexOf(Buffer.from([0xff, 0xda]));
    expect(Buffer.from(out.subarray(sos(out))).equals(original.subarray(sos(original)))).toBe(true);
    // Stripping again changes nothing.
    expect(Buffer.from(stripJpeg(out)!).equals(Buffer.from(out))).toBe(true);
  });

  it('writes no orientation for a photo the right way up', () => {
    const out = stripJpeg(phonePhoto(1))!;
    expect(has(out, 'Exif')).toBe(false);
  });

  it("removes a PNG's text, time and Exif chunks, and keeps the image", () => {
    const out = stripPng(png())!;
    expect(has(png(), 'Location')).toBe(true);
    for (const gone of ['tEXt', 'tIME', 'eXIf', 'Location']) expect(has(out, gone), gone).toBe(false);
    expect(Buffer.from(out).equals(Buffer.from(png([])))).toBe(true);
  });

  it('refuses damaged files, empty files and files over the limit', () => {
    const photo = phonePhoto();
    expect(checkUpload(photo.subarray(0, 30), MB)).toEqual({ ok: false, problem: 'damaged' });
    const badCrc = Buffer.from(png());
    badCrc[30] = badCrc[30]! ^ 0xff;
    expect(checkUpload(badCrc, MB)).toEqual({ ok: false, problem: 'damaged' });
    expect(checkUpload(png().subarray(0, 40), MB)).toEqual({ ok: false, problem: 'damaged' });
    expect(checkUpload(Buffer.from('%PDF-1.7 no end', 'latin1'), MB)).toEqual({ ok: false, problem: 'damaged' });
    expect(checkUpload(new Uint8Array(), MB)).toEqual({ ok: false, problem: 'empty' });
    expect(checkUpload(photo, photo.length - 1)).toEqual({ ok: false, problem: 'tooLarge' });
    // A length that points past the end, in a segment and in a chunk.
    const long = Buffer.from(photo);
    long[5] = 0xff;
    long[4] = 0xff;
    expect(checkUpload(long, MB)).toEqual({ ok: false, problem: 'damaged' });
  });

  it('keeps a PDF as sent', () => {
    const checked = checkUpload(pdf(), MB);
    expect(checked).toMatchObject({ ok: true, type: 'application/pdf', stripped: false });
  });

  it('reads the limit from UPLOAD_MAX_BYTES, 10 MB by default', () => {
    expect(uploadLimit({})).toBe(10 * MB);
    expect(uploadLimit({ UPLOAD_MAX_BYTES: '5242880' })).toBe(5 * MB);
    expect(() => uploadLimit({ UPLOAD_MAX_BYTES: 'ten' })).toThrow(/UPLOAD_MAX_BYTES/);
    expect(() => uploadLimit({ UPLOAD_MAX_BYTES: String(100 * MB) })).toThrow(/UPLOAD_MAX_BYTES/);
  });
});
