import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Addresses Pharos never sends checks to: link-local ranges, where cloud metadata services live
 * (169.254.169.254 hands out credentials). Private ranges stay allowed: checking your own internal
 * services is what a self-hosted monitor is for.
 */
export function isForbiddenAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 4) return address.startsWith('169.254.') || address === '0.0.0.0';
  if (version === 6) {
    const lower = address.toLowerCase();
    if (lower.startsWith('::ffff:')) return isForbiddenAddress(lower.slice(7));
    return /^fe[89ab]/.test(lower) || lower === '::';
  }
  return false;
}

/** Resolve a host once and vet the address; checks then connect to exactly that address. */
export async function resolveTarget(host: string): Promise<{ address: string; family: number } | { refused: string }> {
  let resolved: { address: string; family: number };
  try {
    resolved = await lookup(host.replace(/^\[|\]$/g, ''));
  } catch {
    return { refused: 'dns lookup failed' };
  }
  return isForbiddenAddress(resolved.address) ? { refused: 'forbidden address (link-local)' } : resolved;
}
