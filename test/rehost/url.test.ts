import { readdir } from 'node:fs/promises';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { normalizeHostPattern } from '../../src/hosts.js';
import { refusedAddressClass } from '../../src/rehost/addresses.js';
import { DownloadError } from '../../src/rehost/download.js';
import { RehostRefusal, SENDER_REFUSALS } from '../../src/rehost/refusal.js';
import { guardedBody } from '../../src/rehost/url-body.js';
import {
  findMediaLinks,
  openUrl,
  spoileredLinks,
  type ConnectHook,
  type UrlOpenOptions,
} from '../../src/rehost/url.js';
import { fileBytes, MAGIC } from '../helpers/media-bytes.js';
import { collect, fakeDns, redirect, routeToLoopback, serve, startSites } from './url-fixtures.js';

const PUBLIC = '93.184.216.34';
const OTHER_PUBLIC = '93.184.216.35';

let sites: Awaited<ReturnType<typeof startSites>>;
beforeAll(async () => {
  sites = await startSites();
});
afterAll(async () => {
  await sites.close();
});
beforeEach(() => {
  sites.routes.clear();
  sites.seen.length = 0;
});

let rebindAnswers = 0;
const dnsTable: Record<string, string[] | (() => string[])> = {
  'media.test': [PUBLIC],
  'other.test': [OTHER_PUBLIC],
  'a.images.test': [PUBLIC],
  'xn--bcher-kva.test': [PUBLIC],
  'internal.test': ['10.0.0.5'],
  'mixed.test': [PUBLIC, '192.168.1.20'],
  'dual.test': ['2606:2800:220:1:248:1893:25c8:1946', PUBLIC],
  'two.test': [PUBLIC, OTHER_PUBLIC],
  // The rebinding attack: a public answer for the check, loopback for any later lookup.
  'rebind.test': () => (rebindAnswers++ === 0 ? [PUBLIC] : ['127.0.0.1']),
};

/** Options as the worker would pass them, with DNS and dialling routed to the local sites. */
function setup(extra: Partial<UrlOpenOptions> = {}) {
  const dns = fakeDns(dnsTable);
  const route = routeToLoopback(sites.port);
  const options: UrlOpenOptions = {
    allowHttp: true,
    maxBytes: 1024 * 1024,
    headersTimeoutMs: 2_000,
    bodyTimeoutMs: 2_000,
    lookup: dns.lookup,
    connect: route.connect,
    ...extra,
  };
  return { options, dns, dialled: route.dialled };
}

async function refusal(promise: Promise<unknown>): Promise<RehostRefusal> {
  const err = await promise.then(
    () => new Error('expected a refusal, got a file'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RehostRefusal);
  return err as RehostRefusal;
}

async function downloadError(promise: Promise<unknown>): Promise<DownloadError> {
  const err = await promise.then(
    () => new Error('expected a DownloadError, got a file'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DownloadError);
  return err as DownloadError;
}

describe('refusedAddressClass', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.254', 'shared'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.1.1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['168.63.129.16', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['192.88.99.1', 'reserved'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
  ])('IPv4 %s is %s', (address, cls) => {
    expect(refusedAddressClass(address)).toBe(cls);
  });

  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fec0::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['fd00:ec2::254', 'metadata'],
    ['100::1', 'reserved'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2001::1', 'reserved'], // Teredo
    ['::127.0.0.1', 'reserved'], // IPv4-compatible, deprecated
    ['64:ff9b:1::a00:1', 'reserved'], // local-use NAT64
    // IPv4-mapped: judged by the IPv4 inside.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['0:0:0:0:0:ffff:c0a8:0101', 'private'],
    // NAT64 (64:ff9b::/96): the IPv4 inside.
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['64:ff9b::10.1.1.1', 'private'],
    ['64:ff9b::7f00:1', 'loopback'],
    // 6to4 (2002::/16): the IPv4 in bits 16-48.
    ['2002:7f00:1::1', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
    ['2002:a9fe:a9fe::', 'metadata'],
    ['not-an-address', 'reserved'],
  ])('IPv6 %s is %s', (address, cls) => {
    expect(refusedAddressClass(address)).toBe(cls);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '169.253.255.255',
    '2606:2800:220:1:248:1893:25c8:1946',
    '2a00:1450:4001:82b::200e',
    '::ffff:93.184.216.34',
    '64:ff9b::808:808',
    '2002:5db8:d822::1',
  ])('%s is public', (address) => {
    expect(refusedAddressClass(address)).toBeNull();
  });
});

describe('openUrl: a public link', () => {
  it('streams the file from the checked address, with the original Host', async () => {
    const bytes = fileBytes(100_000, MAGIC.png);
    sites.routes.set('media.test/cat.png', serve(bytes));
    const { options, dns, dialled } = setup();
    const progress: number[] = [];
    const file = await openUrl('http://media.test/cat.png', {
      ...options,
      onBytes: (n) => progress.push(n),
    });
    expect(file).toMatchObject({ size: 100_000, contentType: 'image/png', refreshed: false });
    expect((await collect(file.stream)).equals(bytes)).toBe(true);
    file.cancel();
    expect(progress.at(-1)).toBe(100_000);
    expect(dns.calls).toEqual(['media.test']);
    expect(dialled).toEqual([{ hostname: 'media.test', address: PUBLIC, port: 80 }]);
    expect(sites.seen.map((s) => s.host)).toEqual(['media.test']);
  });

  it('sends TLS SNI for the host name while dialling the checked address', async () => {
    const servernames: (string | undefined)[] = [];
    // No certificate: the handshake fails, after the server has read the client's SNI.
    const tls = createTlsServer({
      SNICallback: (name, cb) => {
        servernames.push(name);
        cb(new Error('no certificate here'));
      },
    });
    tls.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const port = (tls.address() as AddressInfo).port;
      const { options } = setup({ allowHttp: false });
      const dialled: unknown[] = [];
      const connect: ConnectHook = (checked) => {
        dialled.push(checked);
        return { address: '127.0.0.1', port };
      };
      const err = await openUrl('https://media.test/cat.png', { ...options, connect }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
      expect(servernames).toEqual(['media.test']);
      expect(dialled).toEqual([{ hostname: 'media.test', address: PUBLIC, family: 4, port: 443 }]);
    } finally {
      await new Promise((resolve) => tls.close(resolve));
    }
  });

  it('tries the next checked address when one does not connect, IPv4 first', async () => {
    const closed = createNetServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    sites.routes.set('two.test/a.png', serve(fileBytes(1000)));
    sites.routes.set('dual.test/a.png', serve(fileBytes(1000)));
    const dns = fakeDns(dnsTable);
    const route = routeToLoopback(sites.port, { [PUBLIC]: closedPort });
    const options = { ...setup().options, lookup: dns.lookup, connect: route.connect };
    const file = await openUrl('http://two.test/a.png', options);
    file.cancel();
    expect(route.dialled.map((d) => d.address)).toEqual([PUBLIC, OTHER_PUBLIC]);

    const first = routeToLoopback(sites.port);
    const dual = await openUrl('http://dual.test/a.png', { ...options, connect: first.connect });
    dual.cancel();
    expect(first.dialled.map((d) => d.address)).toEqual([PUBLIC]);
  });
});

describe('openUrl: refused addresses', () => {
  it.each([
    ['http://127.0.0.1/a.png', 'loopback'],
    ['http://2130706433/a.png', 'loopback'],
    ['http://0x7f.1/a.png', 'loopback'],
    ['http://127.1/a.png', 'loopback'],
    ['http://0177.0.0.1/a.png', 'loopback'],
    ['http://0.0.0.0/a.png', 'unspecified'],
    ['http://10.0.0.1/a.png', 'private network'],
    ['http://172.20.1.1/a.png', 'private network'],
    ['http://192.168.0.1/a.png', 'private network'],
    ['http://100.64.1.1/a.png', 'carrier-grade NAT'],
    ['http://169.254.10.1/a.png', 'link-local'],
    ['http://169.254.169.254/latest/meta-data/', 'cloud metadata'],
    ['http://0xa9fea9fe/latest/meta-data/', 'cloud metadata'],
    ['http://224.0.0.251/a.png', 'multicast'],
    ['http://240.1.2.3/a.png', 'reserved'],
    ['http://255.255.255.255/a.png', 'broadcast'],
    ['http://192.0.2.10/a.png', 'documentation'],
    ['http://198.18.0.1/a.png', 'benchmarking'],
    ['http://[::1]/a.png', 'loopback'],
    ['http://[::]/a.png', 'unspecified'],
    ['http://[fd12::1]/a.png', 'private network'],
    ['http://[fe80::1]/a.png', 'link-local'],
    ['http://[ff02::1]/a.png', 'multicast'],
    ['http://[::ffff:127.0.0.1]/a.png', 'loopback'],
    ['http://[::ffff:a9fe:a9fe]/a.png', 'cloud metadata'],
    ['http://[64:ff9b::169.254.169.254]/a.png', 'cloud metadata'],
    ['http://[64:ff9b::a00:1]/a.png', 'private network'],
    ['http://[2002:a00:1::1]/a.png', 'private network'],
    ['http://[fd00:ec2::254]/latest/meta-data/', 'cloud metadata'],
    ['http://[2001:db8::1]/a.png', 'documentation'],
    ['http://[100::1]/a.png', 'reserved'],
    ['http://localhost/a.png', 'loopback'],
    ['http://img.localhost/a.png', 'loopback'],
  ])('%s: %s', async (url, words) => {
    const { options, dns, dialled } = setup();
    const err = await refusal(openUrl(url, options));
    expect(err.code).toBe('address_not_allowed');
    expect(err.message).toContain(`points to a${/^[aeiou]/.test(words) ? 'n' : ''} ${words}`);
    expect(dns.calls).toEqual([]);
    expect(dialled).toEqual([]);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private network'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['169.254.169.254', 'cloud metadata'],
    ['::1', 'loopback'],
    ['fd00::1', 'private network'],
    ['fe80::1', 'link-local'],
    ['::ffff:192.168.0.1', 'private network'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['2002:7f00:1::', 'loopback'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['ff05::2', 'multicast'],
  ])('a name that resolves to %s (%s)', async (address, words) => {
    const dns = fakeDns({ 'sneaky.test': [address] });
    const { options, dialled } = setup({ lookup: dns.lookup });
    const err = await refusal(openUrl('http://sneaky.test/a.png', options));
    expect(err.code).toBe('address_not_allowed');
    expect(err.message).toContain(words);
    expect(dns.calls).toEqual(['sneaky.test']);
    expect(dialled).toEqual([]);
  });

  it('refuses a name when any one of its answers is private', async () => {
    const { options, dialled } = setup();
    const err = await refusal(openUrl('http://mixed.test/a.png', options));
    expect(err.code).toBe('address_not_allowed');
    expect(dialled).toEqual([]);
  });

  it('refuses a name that does not exist, and retries a resolver that failed', async () => {
    const { options } = setup();
    const missing = await refusal(openUrl('http://nowhere.test/a.png', options));
    expect(missing.code).toBe('download_failed');
    const flaky = setup({
      lookup: () => Promise.reject(Object.assign(new Error('EAI_AGAIN'), { code: 'EAI_AGAIN' })),
    });
    await downloadError(openUrl('http://media.test/a.png', flaky.options));
    const empty = setup({ lookup: async () => [] });
    expect((await refusal(openUrl('http://media.test/a.png', empty.options))).code).toBe(
      'download_failed',
    );
  });
});

describe('openUrl: the link itself', () => {
  it('refuses plain http unless the admin allows it', async () => {
    sites.routes.set('media.test/a.png', serve(fileBytes(100)));
    const strict = setup({ allowHttp: false });
    const err = await refusal(openUrl('http://media.test/a.png', strict.options));
    expect(err.code).toBe('bad_url');
    expect(err.message).toBe('only https links can be rehosted');
    expect(strict.dns.calls).toEqual([]);
    const lax = setup({ allowHttp: true });
    (await openUrl('http://media.test/a.png', lax.options)).cancel();
  });

  it.each([
    ['ftp://media.test/a.png', 'only http and https links can be rehosted'],
    ['file:///etc/passwd', 'only http and https links can be rehosted'],
    ['data:image/png;base64,iVBORw0KGgo=', 'only http and https links can be rehosted'],
    ['javascript:alert(1)', 'only http and https links can be rehosted'],
    ['not a link', 'this is not a valid link'],
    ['https://user:secret@media.test/a.png', 'links with a user name or password are not accepted'],
    ['https://user@media.test/a.png', 'links with a user name or password are not accepted'],
  ])('refuses %s', async (url, reason) => {
    const { options, dns } = setup();
    const err = await refusal(openUrl(url, options));
    expect(err).toMatchObject({ code: 'bad_url', message: reason });
    expect(dns.calls).toEqual([]);
  });

  it('applies the deny list, then the allow list, to exact hosts and *.suffix entries', async () => {
    sites.routes.set('media.test/a.png', serve(fileBytes(100)));
    sites.routes.set('a.images.test/a.png', serve(fileBytes(100)));
    sites.routes.set('xn--bcher-kva.test/a.png', serve(fileBytes(100)));
    const denied = setup({ denyHosts: ['MEDIA.test'] });
    const err = await refusal(openUrl('http://media.test/a.png', denied.options));
    expect(err).toMatchObject({ code: 'host_not_allowed' });
    expect(denied.dns.calls).toEqual([]);
    await refusal(openUrl('http://media.test./a.png', denied.options)); // the root's dot
    const suffix = setup({ denyHosts: ['*.images.test'] });
    await refusal(openUrl('http://a.images.test/a.png', suffix.options));
    (await openUrl('http://media.test/a.png', suffix.options)).cancel();

    const allowed = setup({ allowHosts: ['*.images.test', 'bücher.test'] });
    (await openUrl('http://a.images.test/a.png', allowed.options)).cancel();
    (await openUrl('http://BÜCHER.test/a.png', allowed.options)).cancel();
    await refusal(openUrl('http://media.test/a.png', allowed.options));
    await refusal(openUrl('http://images.test/a.png', allowed.options)); // not itself

    const both = setup({ allowHosts: ['*.images.test'], denyHosts: ['a.images.test'] });
    await refusal(openUrl('http://a.images.test/a.png', both.options));
    const byAddress = setup({ denyHosts: [PUBLIC] });
    await refusal(openUrl(`http://${PUBLIC}/a.png`, byAddress.options));
    const dots = await refusal(openUrl('http://media.test../a.png', denied.options)); // two dots
    expect(dots.code).toBe('host_not_allowed');

    // Entries as the configuration hands them over (already read once): IPv6 ones too.
    const v6 = '2606:2800:220:1:248:1893:25c8:1946';
    const configured = parseConfig({
      DISCORD_TOKEN: 'd',
      IMGPILE_TOKEN: 'i',
      URL_DENY_HOSTS: `[${v6}], media.test`,
    }).urls.denyHosts;
    const denyV6 = setup({ denyHosts: configured });
    const v6err = await refusal(openUrl(`http://[${v6}]/a.png`, denyV6.options));
    expect(v6err.code).toBe('host_not_allowed');
    const allowV6 = setup({ allowHosts: configured });
    const passed = await openUrl(`http://[${v6}]/a.png`, allowV6.options).catch((e: unknown) => e);
    expect(passed).not.toMatchObject({ code: 'host_not_allowed' });
    if (!(passed instanceof Error)) (passed as { cancel(): void }).cancel();
  });

  it('reads host list entries as the URL parser reads hosts', () => {
    expect(normalizeHostPattern('BÜCHER.example')).toBe('xn--bcher-kva.example');
    expect(normalizeHostPattern(' *.Example.COM. ')).toBe('*.example.com');
    expect(normalizeHostPattern('0x7f.1')).toBe('127.0.0.1');
    expect(normalizeHostPattern('[2001:DB8::1]')).toBe('2001:db8::1');
    expect(normalizeHostPattern('https://example.com')).toBeNull();
    expect(normalizeHostPattern('example.com:8080')).toBeNull();
    expect(normalizeHostPattern('a b')).toBeNull();
    expect(normalizeHostPattern('')).toBeNull();
  });
});

describe('openUrl: redirects', () => {
  it('follows three redirects, each host checked and pinned afresh', async () => {
    const bytes = fileBytes(5000, MAGIC.gif);
    sites.routes.set('media.test/r1', redirect('/r2', 301));
    sites.routes.set('media.test/r2', redirect('http://other.test/r3', 307));
    sites.routes.set('other.test/r3', redirect('//media.test/final.gif', 308));
    sites.routes.set('media.test/final.gif', serve(bytes));
    const { options, dns, dialled } = setup();
    const file = await openUrl('http://media.test/r1', options);
    expect(file.contentType).toBe('image/gif');
    expect((await collect(file.stream)).equals(bytes)).toBe(true);
    expect(dns.calls).toEqual(['media.test', 'media.test', 'other.test', 'media.test']);
    expect(dialled.map((d) => d.address)).toEqual([PUBLIC, PUBLIC, OTHER_PUBLIC, PUBLIC]);
  });

  it('refuses a fourth redirect', async () => {
    for (const n of [1, 2, 3, 4]) sites.routes.set(`media.test/s${n}`, redirect(`/s${n + 1}`));
    sites.routes.set('media.test/s5', serve(fileBytes(100)));
    const { options } = setup();
    const err = await refusal(openUrl('http://media.test/s1', options));
    expect(err.code).toBe('too_many_redirects');
    expect(sites.seen.map((s) => s.path)).toEqual(['/s1', '/s2', '/s3', '/s4']);
    const one = setup({ maxRedirects: 0 });
    expect((await refusal(openUrl('http://media.test/s4', one.options))).code).toBe(
      'too_many_redirects',
    );
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/iam', 'cloud metadata'],
    ['http://127.0.0.1:6379/', 'loopback'],
    ['http://[::ffff:10.0.0.1]/x.png', 'private network'],
    ['http://internal.test/x.png', 'private network'],
  ])('refuses a redirect into a private range: %s', async (location, words) => {
    sites.routes.set('media.test/go', redirect(location));
    const { options, dialled } = setup();
    const err = await refusal(openUrl('http://media.test/go', options));
    expect(err.code).toBe('address_not_allowed');
    expect(err.message).toContain(words);
    expect(dialled.map((d) => d.address)).toEqual([PUBLIC]);
    expect(sites.seen).toHaveLength(1);
  });

  it('re-checks scheme and host lists on a redirect', async () => {
    sites.routes.set('media.test/go', redirect('ftp://media.test/a.png'));
    sites.routes.set('media.test/away', redirect('http://other.test/a.png'));
    const { options } = setup({ denyHosts: ['other.test'] });
    expect((await refusal(openUrl('http://media.test/go', options))).code).toBe('bad_url');
    expect((await refusal(openUrl('http://media.test/away', options))).code).toBe(
      'host_not_allowed',
    );
  });
});

describe('openUrl: DNS rebinding', () => {
  beforeEach(() => {
    rebindAnswers = 0;
  });

  it('connects to the address it checked, never asking DNS again', async () => {
    const bytes = fileBytes(2000, MAGIC.jpeg);
    sites.routes.set('rebind.test/pic.jpg', serve(bytes));
    const { options, dns, dialled } = setup();
    const file = await openUrl('http://rebind.test/pic.jpg', options);
    expect((await collect(file.stream)).equals(bytes)).toBe(true);
    // One lookup (public), then the socket went to that address: the loopback answer a second
    // lookup would have given was never asked for.
    expect(dns.calls).toEqual(['rebind.test']);
    expect(dialled).toEqual([{ hostname: 'rebind.test', address: PUBLIC, port: 80 }]);
  });

  it('refuses when the name turns private on a redirect back to itself', async () => {
    sites.routes.set('rebind.test/hop', redirect('/pic.jpg'));
    sites.routes.set('rebind.test/pic.jpg', serve(fileBytes(2000, MAGIC.jpeg)));
    const { options, dns, dialled } = setup();
    const err = await refusal(openUrl('http://rebind.test/hop', options));
    expect(err.code).toBe('address_not_allowed');
    expect(dns.calls).toEqual(['rebind.test', 'rebind.test']);
    expect(dialled.map((d) => d.address)).toEqual([PUBLIC]);
  });
});

describe('openUrl: the response', () => {
  it('refuses an HTML page named .png before its body is read', async () => {
    const page = Buffer.concat([MAGIC.html, Buffer.alloc(512 * 1024, 0x20)]);
    sites.routes.set('media.test/cat.png', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(page.length) });
      res.write(page.subarray(0, 64)); // the rest is never sent unless asked for
    });
    const { options } = setup();
    const err = await refusal(openUrl('http://media.test/cat.png', options));
    expect(err.code).toBe('not_media');
    expect(await sites.seen[0]?.finished).toBe(false);
  });

  it('refuses a declared size over the limit before reading the body', async () => {
    sites.routes.set('media.test/big.png', (_req, res) => {
      res.writeHead(200, { 'content-length': String(2 * 1024 * 1024) });
      res.write(MAGIC.png);
    });
    const { options } = setup();
    const err = await refusal(openUrl('http://media.test/big.png', options));
    expect(err).toMatchObject({ code: 'too_large', message: 'the file is larger than 1 MB' });
    expect(await sites.seen[0]?.finished).toBe(false);
  });

  it('refuses an empty file', async () => {
    sites.routes.set('media.test/empty.png', serve(Buffer.alloc(0)));
    sites.routes.set('media.test/empty-chunked.png', serve(Buffer.alloc(0), { chunked: true }));
    const { options } = setup();
    expect((await refusal(openUrl('http://media.test/empty.png', options))).code).toBe('empty');
    expect((await refusal(openUrl('http://media.test/empty-chunked.png', options))).code).toBe(
      'empty',
    );
  });

  it('spools a body without Content-Length to learn its exact size, then cleans up', async () => {
    const before = (await readdir(tmpdir())).filter((n) => n.startsWith('imgpile-url-'));
    const bytes = fileBytes(300_000, MAGIC.mp4);
    sites.routes.set('media.test/clip.mp4', serve(bytes, { chunked: true }));
    const { options } = setup();
    const progress: number[] = [];
    const file = await openUrl('http://media.test/clip.mp4', {
      ...options,
      onBytes: (n) => progress.push(n),
    });
    expect(file).toMatchObject({ size: 300_000, contentType: 'video/mp4' });
    expect(progress).toEqual([]); // progress is the upload's pass, not the spooling
    expect((await collect(file.stream)).equals(bytes)).toBe(true);
    expect(progress.at(-1)).toBe(300_000);
    file.cancel();
    const after = (await readdir(tmpdir())).filter((n) => n.startsWith('imgpile-url-'));
    expect(after).toEqual(before);
  });

  it('refuses a body without Content-Length that grows past the limit', async () => {
    const before = (await readdir(tmpdir())).filter((n) => n.startsWith('imgpile-url-'));
    sites.routes.set(
      'media.test/endless.png',
      serve(fileBytes(1024 * 1024 + 1), { chunked: true }),
    );
    const { options } = setup();
    const err = await refusal(openUrl('http://media.test/endless.png', options));
    expect(err).toMatchObject({ code: 'too_large', message: 'the file is larger than 1 MB' });
    const after = (await readdir(tmpdir())).filter((n) => n.startsWith('imgpile-url-'));
    expect(after).toEqual(before);
  });

  it('stops a body that ends short of its Content-Length with a DownloadError', async () => {
    sites.routes.set('media.test/short.png', (_req, res) => {
      res.writeHead(200, { 'content-length': '100000' });
      res.write(fileBytes(10_000));
      setTimeout(() => res.destroy(), 50);
    });
    const { options } = setup();
    const file = await openUrl('http://media.test/short.png', options);
    await downloadError(collect(file.stream));
  });

  it('stops at the first byte past the announced size', async () => {
    // HTTP framing keeps undici from reading past a Content-Length; the guard does not rely on it.
    async function* chunks() {
      yield fileBytes(600);
      yield fileBytes(600);
    }
    let released = 0;
    const progress: number[] = [];
    const reader = { iterator: chunks(), failure: (err: unknown) => err };
    const stream = guardedBody(
      [],
      reader,
      1000,
      (n) => progress.push(n),
      () => released++,
    );
    const err = await refusal(collect(stream));
    expect(err).toMatchObject({ code: 'too_large' });
    expect(progress).toEqual([600]);
    expect(released).toBe(1);
  });

  it.each([
    [500, DownloadError],
    [502, DownloadError],
    [503, DownloadError],
    [429, DownloadError],
    [404, RehostRefusal],
    [403, RehostRefusal],
    [304, RehostRefusal],
  ])('HTTP %d is a %o', async (status, kind) => {
    sites.routes.set('media.test/a.png', (_req, res) => {
      res.writeHead(status).end();
    });
    const { options } = setup();
    const err: unknown = await openUrl('http://media.test/a.png', options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(kind);
    if (err instanceof RehostRefusal) expect(err.code).toBe('download_failed');
  });

  it('retries a reset connection', async () => {
    sites.routes.set('media.test/reset.png', (req) => {
      req.socket.destroy();
    });
    const { options } = setup();
    await downloadError(openUrl('http://media.test/reset.png', options));
  });
});

describe('openUrl: time limits and cancelling', () => {
  it('gives up on response headers that do not come', async () => {
    sites.routes.set('media.test/slow.png', () => undefined);
    const { options } = setup({ headersTimeoutMs: 200 });
    const err = await downloadError(openUrl('http://media.test/slow.png', options));
    expect(err.message).toMatch(/timed out/);
  });

  it('refuses a body that trickles past the total time limit: no retry, it would be as slow again', async () => {
    sites.routes.set('media.test/trickle.png', (_req, res) => {
      res.writeHead(200, { 'content-length': '10000' });
      res.write(MAGIC.png);
      const timer = setInterval(() => res.write(Buffer.alloc(10)), 50);
      res.on('close', () => clearInterval(timer));
    });
    const { options } = setup({ totalTimeoutMs: 400, minBytesPerSecond: 1 });
    const file = await openUrl('http://media.test/trickle.png', options);
    const err = await refusal(collect(file.stream));
    expect(err.code).toBe('too_slow');
    expect(err.message).toMatch(/^the site is too slow: the download took longer than/);
  });

  it('refuses a site that sends too little for its own time, and counts only the time spent waiting for it', async () => {
    // A valid head, then a byte now and then: the slow-loris that would hold a worker for ever.
    sites.routes.set('media.test/loris.png', (_req, res) => {
      res.writeHead(200, { 'content-length': '100000' });
      res.write(fileBytes(64, MAGIC.png));
      const timer = setInterval(() => res.write(Buffer.alloc(1)), 40);
      res.on('close', () => clearInterval(timer));
    });
    const { options } = setup({ minBytesPerSecond: 4096, slowGraceMs: 300 });
    const file = await openUrl('http://media.test/loris.png', options);
    const err = await refusal(collect(file.stream));
    expect(err.code).toBe('too_slow');
    expect(err.message).toBe('the site is too slow: it sent under 4 KB a second');
    expect(SENDER_REFUSALS.has('too_slow')).toBe(true);

    // A fast site read slowly (imgpile taking its time) is not the site's fault.
    // Were the reader's time counted, 512 KB over 8 or more reads of 100 ms would be under 1 MB/s.
    sites.routes.set('media.test/fast.png', (_req, res) => {
      res.writeHead(200, { 'content-length': String(512 * 1024) });
      res.end(fileBytes(512 * 1024, MAGIC.png));
    });
    const strict = setup({ minBytesPerSecond: 1024 * 1024, slowGraceMs: 300 }).options;
    const fast = await openUrl('http://media.test/fast.png', strict);
    let read = 0;
    let reads = 0;
    for await (const chunk of fast.stream) {
      read += chunk.byteLength;
      reads += 1;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(read).toBe(512 * 1024);
    expect(reads).toBeGreaterThanOrEqual(4);
  });

  it('the deadline passing while imgpile, not the site, took the time is a retry, not a refusal', async () => {
    sites.routes.set('media.test/fast.png', (_req, res) => {
      res.writeHead(200, { 'content-length': String(512 * 1024) });
      res.end(fileBytes(512 * 1024, MAGIC.png));
    });
    const { options } = setup({ totalTimeoutMs: 400 });
    const file = await openUrl('http://media.test/fast.png', options);
    const slowReader = async () => {
      for await (const _chunk of file.stream) await new Promise((r) => setTimeout(r, 150));
    };
    const err = await downloadError(slowReader());
    expect(err.message).toMatch(/timed out/);
  });

  it("passes the caller's abort through as it is", async () => {
    sites.routes.set('media.test/slow.png', () => undefined);
    const controller = new AbortController();
    const { options } = setup({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const err: unknown = await openUrl('http://media.test/slow.png', options).catch(
      (e: unknown) => e,
    );
    expect(err).not.toBeInstanceOf(DownloadError);
    expect(err).toMatchObject({ name: 'AbortError' });
  });

  it('cancel() closes the connection of a file not read', async () => {
    sites.routes.set('media.test/big.png', (_req, res) => {
      res.writeHead(200, { 'content-length': String(512 * 1024) });
      res.write(fileBytes(1024, MAGIC.png));
    });
    const { options } = setup();
    const file = await openUrl('http://media.test/big.png', options);
    file.cancel();
    expect(await sites.seen[0]?.finished).toBe(false);
  });
});

describe('spoileredLinks', () => {
  it('names the links behind spoiler marks, and what the embed of a page linked there shows', () => {
    const text =
      'open ||https://i.example.com/a.png|| and ||https://tenor.com/view/cat-123|| but https://i.example.com/b.png `||https://i.example.com/c.png||`';
    const embeds = [
      {
        type: 'gifv',
        url: 'https://tenor.com/view/cat-123',
        video: { url: 'https://media.tenor.com/x/cat.mp4' },
      },
      { type: 'image', url: 'https://i.example.com/b.png' },
    ];
    expect([...spoileredLinks(text, embeds)].sort()).toEqual([
      'https://i.example.com/a.png',
      'https://media.tenor.com/x/cat.mp4',
      'https://tenor.com/view/cat-123',
    ]);
  });
});

describe('findMediaLinks', () => {
  it('finds media links in bare, <suppressed> and markdown form, in order, once each', () => {
    const text = [
      'look at this https://i.example.com/cat.png, and this (https://i.example.com/dog.jpg).',
      'quiet: <https://cdn.example.com/clip.mp4> and [my gif](https://media.example.com/a.gif)',
      'again https://i.example.com/cat.png and [twice](<https://i.example.com/dog.jpg>)',
      'not media: https://example.com/article and https://github.com/x/y',
      'spoiler ||https://i.example.com/secret.webp|| and **https://i.example.com/bold.jpeg**',
      'twitter https://pbs.example.com/media/X?format=jpg&name=large',
      'code `https://i.example.com/code.png` and ```\nhttps://i.example.com/block.png\n```',
      'other schemes ftp://x.example.com/a.png and wiki https://w.example.org/File_(1).png',
    ].join('\n');
    expect(findMediaLinks(text, [], 20)).toEqual([
      'https://i.example.com/cat.png',
      'https://i.example.com/dog.jpg',
      'https://cdn.example.com/clip.mp4',
      'https://media.example.com/a.gif',
      'https://i.example.com/secret.webp',
      'https://i.example.com/bold.jpeg',
      'https://pbs.example.com/media/X?format=jpg&name=large',
      'https://w.example.org/File_(1).png',
    ]);
  });

  it('takes what image, gifv, video and rich embeds show, not page previews', () => {
    const embeds = [
      {
        type: 'image',
        url: 'https://i.example.com/cat.png',
        thumbnail: { url: 'https://i.example.com/cat.png' },
      },
      {
        type: 'gifv',
        url: 'https://tenor.com/view/cat-dance-123',
        provider: { name: 'Tenor' },
        thumbnail: { url: 'https://media.tenor.com/x/cat.png' },
        video: { url: 'https://media.tenor.com/x/cat.mp4' },
      },
      {
        type: 'video',
        url: 'https://www.youtube.com/watch?v=abc',
        provider: { name: 'YouTube' },
        video: { url: 'https://www.youtube.com/embed/abc' },
        thumbnail: { url: 'https://i.ytimg.com/vi/abc/hqdefault.jpg' },
      },
      { type: 'video', url: 'https://v.example.com/a', video: { url: 'https://v.example.com/a' } },
      {
        type: 'article',
        url: 'https://news.example.com/story',
        thumbnail: { url: 'https://news.example.com/og.jpg' },
      },
      { type: 'rich', image: { url: 'https://bot.example.com/chart.png' } },
      { image: { url: 'https://bot.example.com/plain.png' } },
      { type: 'image', url: 'javascript:alert(1)' },
    ];
    expect(findMediaLinks('see https://i.example.com/cat.png', embeds, 10)).toEqual([
      'https://i.example.com/cat.png',
      'https://media.tenor.com/x/cat.mp4',
      'https://v.example.com/a',
      'https://bot.example.com/chart.png',
      'https://bot.example.com/plain.png',
    ]);
  });

  it('stops at the limit', () => {
    const text = Array.from({ length: 15 }, (_, i) => `https://i.example.com/${i}.png`).join(' ');
    expect(findMediaLinks(text, [], 10)).toHaveLength(10);
    expect(findMediaLinks(text, [], 0)).toEqual([]);
    expect(findMediaLinks('', [], 10)).toEqual([]);
  });
});
