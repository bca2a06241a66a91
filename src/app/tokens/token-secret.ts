import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt cost: about 45 ms per hash on these machines (measured); verified results are cached by the caller.
const PARAMS: ScryptOptions = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A new random token secret (256 bits, base64url). */
export function newTokenSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Hash a secret with scrypt and a random salt, in a self-describing string. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Check a secret against a stored hash in constant time. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !saltText || !keyText) return false;
  const expected = Buffer.from(keyText, 'base64url');
  const actual = await derive(secret, Buffer.from(saltText, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The printed form of a token: `pht_<id>_<secret>`; the id lets us find the row without scanning. */
export function formatToken(id: string, secret: string): string {
  return `pht_${id}_${secret}`;
}

/** Split a presented token into id and secret, or `null` when it is not one of ours. */
export function parseToken(token: string): { id: string; secret: string } | null {
  const match = /^pht_([0-9a-z]{12})_([A-Za-z0-9_-]{20,})$/.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}
