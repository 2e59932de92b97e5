import { Agent, buildConnector } from 'undici';
import type { ResolvedAddress } from './url-target.js';

/** Where a socket is opened. */
export type DialTarget = { address: string; port: number };

/**
 * Told each checked address just before a socket is opened to it; answers where to dial. For
 * tests only (they route a public-looking checked address to a loopback server); production
 * dials the checked address itself.
 */
export type ConnectHook = (
  checked: ResolvedAddress & { hostname: string; port: number },
) => DialTarget;

/** Tried in turn when a connection fails: at most this many of a host's addresses. */
const MAX_ADDRESSES_TRIED = 4;

/**
 * An undici Agent whose every socket goes to one of `addresses`, the ones that were checked,
 * in order until one connects: the host is never looked up again, so a DNS answer that
 * changes after the check cannot redirect the connection. The URL's host name still names the
 * server for TLS (SNI and certificate check) and in the Host header: undici derives both from
 * the request's origin, and only the dialled address is replaced here.
 */
export function pinnedAgent(
  hostname: string,
  addresses: ResolvedAddress[],
  hook?: ConnectHook,
): Agent {
  const connector = buildConnector({});
  const candidates = addresses.slice(0, MAX_ADDRESSES_TRIED);
  const connect: buildConnector.connector = (options, callback) => {
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    const attempt = (index: number) => {
      const checked = candidates[index];
      if (!checked) {
        callback(new Error(`no address to connect to for ${hostname}`), null);
        return;
      }
      const dial = hook?.({ ...checked, hostname, port }) ?? { address: checked.address, port };
      connector({ ...options, hostname: dial.address, port: String(dial.port) }, (...result) => {
        if (result[0] !== null && index + 1 < candidates.length) attempt(index + 1);
        else callback(...result);
      });
    };
    attempt(0);
  };
  return new Agent({ connect, connections: 1, pipelining: 1 });
}
