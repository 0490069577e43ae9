/**
 * 回执 The confirmation page's one look at a new application's reference and access code:
 * sealed (AES-256-GCM, with a key derived from the server's) into a cookie that lasts a day,
 * so the codes never go into a URL or the database in clear, and the page still shows them
 * after a reload or on another worker.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export const RECEIPT_COOKIE = 'tx-applied';
export const RECEIPT_TTL_SECONDS = 24 * 60 * 60;

export interface Receipt {
  form: string;
  reference: string;
  accessCode: string;
  office: string;
  region: string;
  /** When it was sent (ISO 8601). */
  at: string;
}

const keyOf = (secret: Buffer) => createHmac('sha256', secret).update('receipt cookie').digest();

export function sealReceipt(secret: Buffer, receipt: Receipt, now = Date.now()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify({ ...receipt, exp: now + RECEIPT_TTL_SECONDS * 1000 }), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function openReceipt(secret: Buffer, value: string | undefined, now = Date.now()): Receipt | undefined {
  if (!value || value.length > 2000) return undefined;
  const parts = value.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const [iv, tag, body] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), iv);
    decipher.setAuthTag(tag);
    const opened = JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as Receipt & { exp: number };
    if (typeof opened.exp !== 'number' || opened.exp < now) return undefined;
    const { exp: _, ...receipt } = opened;
    return receipt;
  } catch {
    return undefined; // altered, or sealed with another key
  }
}
