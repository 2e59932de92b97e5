import { isIP } from 'node:net';

/**
 * Host names as the host lists (URL_ALLOW_HOSTS, URL_DENY_HOSTS) and name resolution see them:
 * the configuration checks its lists with these, and the link fetcher compares with them.
 */

/** The host of a parsed URL as lists and resolution see it: no brackets, no final dot. */
export function hostOf(url: URL): string {
  // Any run of final dots: `example.com..` names what `example.com` names for the host lists.
  const host = url.hostname.replace(/\.+$/, '');
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

/**
 * A host list entry in the form URLs are compared in, or null when it is not a host. Entries
 * are `example.com` (that host only) or `*.example.com` (any name below it, not itself); IDN
 * names become punycode and IPv4 forms their dotted quad, exactly as the URL parser does, and
 * IPv6 entries are written in brackets. Ports are not part of an entry.
 */
export function normalizeHostPattern(entry: string): string | null {
  const trimmed = entry.trim();
  const wildcard = trimmed.startsWith('*.');
  const bare = wildcard ? trimmed.slice(2) : trimmed;
  // An IPv6 entry as this function returns it (no brackets) reads as itself again.
  const name = !wildcard && isIP(bare) === 6 ? `[${bare}]` : bare;
  if (!name || /[/?#@:\s]/.test(name.replace(/^\[[^\]]*\]$/, 'ip'))) return null;
  try {
    const host = hostOf(new URL(`http://${name}/`));
    return wildcard ? `*.${host}` : host;
  } catch {
    return null;
  }
}

/** Whether `host` (as `hostOf` gives it) is one of the host list `entries`. */
export function matchesHost(host: string, entries: string[]): boolean {
  return entries.some((entry) => {
    const pattern = normalizeHostPattern(entry);
    if (pattern === null) return false;
    if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
    return host === pattern;
  });
}
