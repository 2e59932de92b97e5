import { Resolver } from 'node:dns/promises';
import type { HostLookup, ResolvedAddress } from './url-target.js';

/** How link hosts are resolved. Production takes the defaults; tests name their own servers. */
export type HostLookupOptions = {
  /** Name servers (`host` or `host:port`); default: the system's (/etc/resolv.conf). */
  servers?: string[];
  /**
   * How long the first try waits for an answer; c-ares waits longer on each further one
   * (default 1.5 s: with 2 tries a silent name server is given up on after about 5 s).
   */
  timeoutMs?: number;
  /** Tries per name server (default 2: a lost UDP packet is not a dead server). */
  tries?: number;
  /** Lookups in flight at once in this process; more wait their turn (default 8). */
  maxInFlight?: number;
};

/** A HostLookup that reports how many of its lookups are waiting on a name server. */
export type CountedLookup = HostLookup & { inFlight: () => number };

const DEFAULT_TIMEOUT_MS = 1_500;
const DEFAULT_TRIES = 2;
const DEFAULT_MAX_IN_FLIGHT = 8;

/** "No such name" for a name with no address of either family. */
const NO_ANSWER = new Set(['ENOTFOUND', 'ENODATA']);

function failure(code: string, hostname: string): Error {
  return Object.assign(new Error(`lookup of ${hostname} failed: ${code}`), { code });
}

/** One family's answer: its addresses, or the error that says why there are none. */
async function family(
  resolve: Promise<string[]>,
  version: 4 | 6,
): Promise<ResolvedAddress[] | NodeJS.ErrnoException> {
  try {
    return (await resolve).map((address) => ({ address, family: version }));
  } catch (err) {
    return err as NodeJS.ErrnoException;
  }
}

/** Waits for a free place among `max`; the caller's abort takes it out of the line. */
function createSlots(max: number) {
  let used = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else used -= 1;
  };
  async function take(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (used < max) {
      used += 1;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const turn = () => {
        signal?.removeEventListener('abort', leave);
        resolve();
      };
      const leave = () => {
        waiting.splice(waiting.indexOf(turn), 1);
        reject(signal?.reason as Error);
      };
      waiting.push(turn);
      signal?.addEventListener('abort', leave, { once: true });
    });
  }
  return { take, release, used: () => used };
}

/**
 * Link hosts resolved by DNS with c-ares (node's `dns.Resolver`), never `dns.lookup`: that one
 * runs getaddrinfo on libuv's 4 threads, and a lookup given up on keeps its thread until the
 * name server answers, so a few links to a domain whose name server never answers would stall
 * every lookup of the process (imgpile's and Discord's too). c-ares waits on its own sockets,
 * with its own timeout. A timeout is thrown with code ETIMEOUT; a name with no address of either
 * family with ENOTFOUND. At most `maxInFlight` lookups are in flight at once: each holds a place
 * until its name server has answered or c-ares has given up, even when the caller stopped
 * waiting. /etc/hosts is not read: a link names a site on the internet.
 */
export function createHostLookup(options: HostLookupOptions = {}): CountedLookup {
  const resolver = new Resolver({
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    tries: options.tries ?? DEFAULT_TRIES,
  });
  if (options.servers) resolver.setServers(options.servers);
  const slots = createSlots(options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);

  const lookup: HostLookup = async (hostname, signal) => {
    await slots.take(signal);
    let answers;
    try {
      answers = await Promise.all([
        family(resolver.resolve4(hostname), 4),
        family(resolver.resolve6(hostname), 6),
      ]);
    } finally {
      slots.release();
    }
    const found = answers.flatMap((a) => (Array.isArray(a) ? a : []));
    if (found.length > 0) return found;
    const codes = answers.map((a) => (Array.isArray(a) ? 'ENODATA' : (a.code ?? 'EUNKNOWN')));
    if (codes.every((code) => NO_ANSWER.has(code))) throw failure('ENOTFOUND', hostname);
    if (codes.includes('ETIMEOUT')) throw failure('ETIMEOUT', hostname);
    // A server failure (SERVFAIL, refused, …): passing, as far as anyone can tell; retried.
    throw failure(codes.find((code) => !NO_ANSWER.has(code)) ?? 'EUNKNOWN', hostname);
  };
  return Object.assign(lookup, { inFlight: slots.used });
}
