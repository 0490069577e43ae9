/**
 * Sealing a short text with the server's key: AES-256-GCM under a key derived for one purpose
 * (HMAC-SHA-256 of the purpose), so a value sealed for one use never opens for another.
 * Altered, truncated or foreign values open to undefined.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const keyFor = (secret: Uint8Array, purpose: string) => createHmac('sha256', secret).update(purpose).digest();

/** `iv.tag.ciphertext`, each base64url. */
export function seal(secret: Uint8Array, purpose: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, purpose), iv, { authTagLength: 16 });
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

/** The text sealed, or undefined when the value was not sealed with this key for this purpose. */
export function unseal(secret: Uint8Array, purpose: string, value: string | undefined, maxLength = 4000): string | undefined {
  if (!value || value.length > maxLength) return undefined;
  const parts = value.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const [iv, tag, body] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
    if (iv.length !== 12 || tag.length !== 16) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, purpose), iv, { authTagLength: 16 });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
