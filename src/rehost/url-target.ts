import { isIP } from 'node:net';
import { hostOf, matchesHost } from '../hosts.js';
import { say, type Say } from '../text/index.js';
import { refusedAddressClass } from './addresses.js';
import { RehostRefusal, type RefusalCode } from './refusal.js';

/** One answer of a name lookup. */
export type ResolvedAddress = { address: string; family: 4 | 6 };

/**
 * Resolves a host name to every address it has (see `createHostLookup`); `signal`: the caller
 * stopped waiting (a lookup still waiting its turn leaves the line).
 */
export type HostLookup = (hostname: string, signal?: AbortSignal) => Promise<ResolvedAddress[]>;

/** A link that will not be rehosted, with what the user reads. */
export function urlRefusal(code: RefusalCode, words: Say): RehostRefusal {
  return new RehostRefusal(code, words);
}

export type UrlPolicy = {
  /** Plain http is refused unless this is set. */
  allowHttp: boolean;
  /** When non-empty, only these hosts (see `normalizeHostPattern` in hosts.ts). */
  allowHosts?: string[];
  /** Never these hosts; checked before the allow list. */
  denyHosts?: string[];
};

/** The checks that need no network: a valid http(s) URL, no credentials, the host lists. */
export function checkUrl(raw: string | URL, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw urlRefusal('bad_url', say('refusal.invalidLink'));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw urlRefusal('bad_url', say('refusal.httpOnly'));
  }
  if (url.protocol === 'http:' && !policy.allowHttp) {
    throw urlRefusal('bad_url', say('refusal.httpsOnly'));
  }
  if (url.username || url.password) {
    throw urlRefusal('bad_url', say('refusal.credentials'));
  }
  const host = hostOf(url);
  const deny = policy.denyHosts ?? [];
  const allow = policy.allowHosts ?? [];
  if (matchesHost(host, deny) || (allow.length > 0 && !matchesHost(host, allow))) {
    throw new RehostRefusal('host_not_allowed', say('refusal.siteNotAccepted'));
  }
  return url;
}

function refuseAddress(address: string): void {
  const cls = refusedAddressClass(address);
  if (cls !== null) {
    throw urlRefusal('address_not_allowed', say('refusal.address', { class: cls }));
  }
}

const NOT_FOUND = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_NODATA', 'EBADNAME']);

async function lookupOnce(host: string, lookup: HostLookup, signal: AbortSignal) {
  signal.throwIfAborted();
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([lookup(host, signal), aborted]);
  } catch (err) {
    const code = signal.aborted ? undefined : (err as NodeJS.ErrnoException).code;
    if (NOT_FOUND.has(code ?? '')) {
      throw urlRefusal('download_failed', say('refusal.siteNotFound'));
    }
    // A name server that never answers would hold a worker as long again on every retry.
    if (code === 'ETIMEOUT') {
      throw urlRefusal('dns_timeout', say('refusal.nameServerSilent'));
    }
    throw err;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Every address the URL's host stands for, each checked: an IP literal is taken as it is
 * (already normalised by the URL parser: `http://2130706433/` is 127.0.0.1), a name is looked
 * up once (a failed lookup is thrown as it is, but for "no such name" and a name server that never
 * answered, refusals). One refused answer refuses the link, even beside public ones: a name that can
 * answer with a private address is not trusted for any of its answers. IPv4 answers come
 * first (containers often have no IPv6 route).
 */
export async function resolveTarget(
  url: URL,
  lookup: HostLookup,
  signal: AbortSignal,
): Promise<ResolvedAddress[]> {
  const host = hostOf(url);
  const family = isIP(host);
  if (family === 4 || family === 6) {
    refuseAddress(host);
    return [{ address: host, family }];
  }
  if (host === 'localhost' || host.endsWith('.localhost')) refuseAddress('127.0.0.1');
  const answers = await lookupOnce(host, lookup, signal);
  if (answers.length === 0) {
    throw urlRefusal('download_failed', say('refusal.siteNotFound'));
  }
  const checked = answers.map(({ address }): ResolvedAddress => {
    refuseAddress(address);
    return { address, family: isIP(address.replace(/%.*$/, '')) === 6 ? 6 : 4 };
  });
  return [...checked.filter((a) => a.family === 4), ...checked.filter((a) => a.family === 6)];
}
