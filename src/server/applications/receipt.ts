/**
 * 回执 The confirmation page's one look at a new application's reference and access code:
 * sealed (AES-256-GCM, with a key derived from the server's) into a cookie that lasts a day,
 * so the codes never go into a URL or the database in clear, and the page still shows them
 * after a reload or on another worker.
 */
import { seal, unseal } from '../http/sealed.ts';

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

const PURPOSE = 'receipt cookie';

export function sealReceipt(secret: Buffer, receipt: Receipt, now = Date.now()): string {
  return seal(secret, PURPOSE, JSON.stringify({ ...receipt, exp: now + RECEIPT_TTL_SECONDS * 1000 }));
}

export function openReceipt(secret: Buffer, value: string | undefined, now = Date.now()): Receipt | undefined {
  const text = unseal(secret, PURPOSE, value, 2000);
  if (text === undefined) return undefined;
  try {
    const opened = JSON.parse(text) as Receipt & { exp: number };
    if (typeof opened.exp !== 'number' || opened.exp < now) return undefined;
    const { exp: _, ...receipt } = opened;
    return receipt;
  } catch {
    return undefined;
  }
}
