import { Resolver } from 'node:dns/promises';
import type { CheckResult } from '../core/model.js';
import { startCheck } from './check-result.js';

/** Record types a DNS check can ask for. */
export type DnsRecordType = 'A' | 'AAAA' | 'CNAME' | 'MX' | 'NS' | 'TXT';

/** What to resolve, where, and what the answer must contain. */
export interface DnsCheckOptions {
  type: DnsRecordType;
  /** The answer must contain this value (an address, a host name, a TXT string); any answer when omitted. */
  expected?: string | null;
  /** `ip` or `ip:port` of the resolver to ask; the system's resolvers when omitted. */
  resolver?: string | null;
  timeoutMs: number;
  now: () => Date;
}

/** Resolve a name and check the answer (seed 001: a failover address that silently stopped answering). */
export async function checkDns(name: string, options: DnsCheckOptions): Promise<CheckResult> {
  const done = startCheck(options.now);
  const resolver = new Resolver({ timeout: options.timeoutMs, tries: 1 });
  if (options.resolver) resolver.setServers([options.resolver]);
  let answers: string[];
  try {
    answers = await resolve(resolver, name, options.type);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return done(false, code === 'ETIMEOUT' ? 'timeout' : code.toLowerCase());
  }
  if (answers.length === 0) return done(false, 'no answer');
  if (options.expected) {
    const wanted = normalize(options.expected);
    if (!answers.some((a) => normalize(a) === wanted))
      return done(false, `unexpected answer: ${answers.slice(0, 3).join(', ')}`);
  }
  return done(true, 'ok');
}

async function resolve(resolver: Resolver, name: string, type: DnsRecordType): Promise<string[]> {
  switch (type) {
    case 'A':
      return resolver.resolve4(name);
    case 'AAAA':
      return resolver.resolve6(name);
    case 'CNAME':
      return resolver.resolveCname(name);
    case 'NS':
      return resolver.resolveNs(name);
    case 'MX':
      return (await resolver.resolveMx(name)).map((mx) => mx.exchange);
    case 'TXT':
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
  }
}

function normalize(value: string): string {
  return value.trim().toLowerCase().replace(/\.$/, '');
}
