/**
 * A local Discord: the gateway (HELLO, IDENTIFY, READY, GUILD_CREATE, heartbeats, dispatches
 * injected by tests), the REST API routes the bot uses (interaction callbacks, webhook edits and
 * follow-ups, channel messages, reactions, command registration, attachment link refresh) and
 * the CDN that serves attachments (signed links that expire, as Discord's do). The real
 * discord.js client logs into it over loopback; tests inspect what was called.
 *
 * It is a boundary fake for tests and benches: it shares no code with src/.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type AttachmentContent = Buffer | { size: number; head?: Buffer; seed?: number };

export type FakeAttachmentInit = {
  id?: string;
  channelId?: string;
  filename: string;
  content: AttachmentContent;
  contentType?: string;
  /** The link is already expired: the CDN answers 404 until it is refreshed. */
  expired?: boolean;
  /** Answer `failStatus` (default 500) this many times before serving. */
  failTimes?: number;
  failStatus?: number;
  /** Serve without Content-Length (chunked), as a misbehaving origin might. */
  chunked?: boolean;
  /** Bytes actually served, when they should differ from `content` (a lying size). */
  served?: AttachmentContent;
  /** Serve slowly. */
  bytesPerSecond?: number;
};

type StoredAttachment = FakeAttachmentInit & {
  id: string;
  channelId: string;
  size: number;
  downloads: number;
};

export type RestCall = {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
  at: number;
};

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;
/** A real snowflake for now: discord.js reads creation times (and token expiry) from ids. */
export function fakeSnowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

function contentSize(content: AttachmentContent): number {
  return Buffer.isBuffer(content) ? content.length : content.size;
}

/** The bytes of a generated attachment, chunk by chunk, deterministic for (size, head, seed). */
export function* generatedChunks(
  content: AttachmentContent,
  chunkSize = 64 * 1024,
): Generator<Buffer> {
  if (Buffer.isBuffer(content)) {
    for (let i = 0; i < content.length; i += chunkSize) yield content.subarray(i, i + chunkSize);
    return;
  }
  const pattern = Buffer.alloc(chunkSize);
  let x = content.seed ?? 3;
  for (let i = 0; i < chunkSize; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    pattern[i] = x & 0xff;
  }
  let sent = 0;
  while (sent < content.size) {
    const n = Math.min(chunkSize, content.size - sent);
    let chunk = pattern.subarray(0, n);
    if (sent === 0 && content.head) {
      chunk = Buffer.from(chunk);
      content.head.copy(chunk, 0, 0, Math.min(content.head.length, n));
    }
    sent += n;
    yield chunk;
  }
}

export type FakeChannel = { id: string; name: string; nsfw?: boolean; type?: number };
export type FakeGuild = { id: string; name: string; channels: FakeChannel[]; ownerId?: string };
export type FakeUser = { id: string; username: string; bot?: boolean };

/** Permission bits the bot cares about. */
export const PERMISSIONS = {
  MANAGE_MESSAGES: 1n << 13n,
  MANAGE_GUILD: 1n << 5n,
  SEND_MESSAGES: 1n << 11n,
  VIEW_CHANNEL: 1n << 10n,
  ADD_REACTIONS: 1n << 6n,
  ATTACH_FILES: 1n << 15n,
  EMBED_LINKS: 1n << 14n,
  READ_MESSAGE_HISTORY: 1n << 16n,
  USE_APPLICATION_COMMANDS: 1n << 31n,
};
const EVERYONE =
  PERMISSIONS.SEND_MESSAGES |
  PERMISSIONS.VIEW_CHANNEL |
  PERMISSIONS.ADD_REACTIONS |
  PERMISSIONS.ATTACH_FILES |
  PERMISSIONS.EMBED_LINKS |
  PERMISSIONS.READ_MESSAGE_HISTORY |
  PERMISSIONS.USE_APPLICATION_COMMANDS;

export type SentMessage = {
  id: string;
  channel_id: string;
  content: string;
  embeds: unknown[];
  components: unknown[];
  flags: number;
  message_reference?: unknown;
  allowed_mentions?: unknown;
};

export type FakeInteraction = {
  id: string;
  token: string;
  /** REST calls made for this interaction (callback, webhook edits and follow-ups), in order. */
  calls: () => RestCall[];
  /** The latest content of the original response (after callback and edits). */
  original: () => SentMessage | null;
  followUps: () => SentMessage[];
};

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;

export async function startFakeDiscord(
  options: {
    botToken?: string;
    applicationId?: string;
    guilds?: FakeGuild[];
    /** Shards GET /gateway/bot recommends (for DISCORD_SHARDS=auto). */
    recommendedShards?: number;
  } = {},
) {
  const botToken = options.botToken ?? 'discord-test-token';
  const applicationId = options.applicationId ?? '1300000000000000001';
  const botUser: FakeUser = { id: applicationId, username: 'imgpile-bot', bot: true };
  const guilds = options.guilds ?? [
    {
      id: '1000000000000000001',
      name: 'Test Server',
      channels: [
        { id: '1100000000000000001', name: 'general' },
        { id: '1100000000000000002', name: 'gallery' },
        { id: '1100000000000000003', name: 'after-dark', nsfw: true },
      ],
    },
  ];
  const secret = randomBytes(16);
  const attachments = new Map<string, StoredAttachment>();
  const restCalls: RestCall[] = [];
  const interactions = new Map<
    string,
    {
      token: string;
      expiresAt: number;
      original: SentMessage | null;
      followUps: SentMessage[];
      channelId: string;
    }
  >();
  const messages = new Map<string, SentMessage>();
  const reactions = new Map<string, Set<string>>(); // `${channel}:${message}` -> emojis by the bot
  const registered: { scope: string; commands: unknown[] }[] = [];
  const sockets = new Set<WebSocket>();
  let sequence = 0;
  let origin = '';

  function sign(path: string, expiresAt: number) {
    const ex = Math.floor(expiresAt / 1000).toString(16);
    const is = Math.floor(Date.now() / 1000).toString(16);
    const hm = createHmac('sha256', secret).update(`${path}|${ex}`).digest('hex');
    return `${origin}${path}?ex=${ex}&is=${is}&hm=${hm}&`;
  }

  function pathOf(a: StoredAttachment) {
    return `/attachments/${a.channelId}/${a.id}/${encodeURIComponent(a.filename)}`;
  }

  function json(res: ServerResponse, status: number, body: unknown) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  async function readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }

  function pickMessageFields(body: Record<string, unknown>): Partial<SentMessage> {
    const out: Partial<SentMessage> = {};
    if ('content' in body) out.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body) out.embeds = (body.embeds as unknown[]) ?? [];
    if ('components' in body) out.components = (body.components as unknown[]) ?? [];
    if ('flags' in body) out.flags = Number(body.flags ?? 0);
    if ('allowed_mentions' in body) out.allowed_mentions = body.allowed_mentions;
    if ('message_reference' in body) out.message_reference = body.message_reference;
    return out;
  }

  function toMessage(
    channelId: string,
    body: Record<string, unknown>,
  ): SentMessage & Record<string, unknown> {
    return {
      id: fakeSnowflake(),
      channel_id: channelId,
      content: '',
      embeds: [],
      components: [],
      flags: 0,
      ...pickMessageFields(body),
      author: {
        id: botUser.id,
        username: botUser.username,
        bot: true,
        discriminator: '0',
        avatar: null,
        global_name: null,
      },
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      type: 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
    };
  }

  // ---- Gateway ------------------------------------------------------------------------
  function send(ws: WebSocket, payload: unknown) {
    ws.send(JSON.stringify(payload));
  }

  function dispatchTo(ws: WebSocket, t: string, d: unknown) {
    sequence += 1;
    send(ws, { op: 0, t, s: sequence, d });
  }

  function guildPayload(g: FakeGuild) {
    return {
      id: g.id,
      name: g.name,
      icon: null,
      owner_id: g.ownerId ?? '1200000000000000099',
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      features: [],
      mfa_level: 0,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 2,
      emojis: [],
      stickers: [],
      roles: [
        {
          id: g.id,
          name: '@everyone',
          permissions: EVERYONE.toString(),
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      channels: g.channels.map((c, position) => ({
        id: c.id,
        type: c.type ?? 0,
        name: c.name,
        position,
        nsfw: c.nsfw ?? false,
        parent_id: null,
        topic: null,
        rate_limit_per_user: 0,
        permission_overwrites: [],
        guild_id: g.id,
      })),
      members: [
        {
          user: userPayload(botUser),
          roles: [],
          joined_at: new Date().toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
        },
      ],
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  function userPayload(u: FakeUser) {
    return {
      id: u.id,
      username: u.username,
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: u.bot ?? false,
    };
  }

  function memberPayload(u: FakeUser, permissions: bigint) {
    return {
      user: userPayload(u),
      roles: [],
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      permissions: permissions.toString(),
    };
  }

  function channelOf(channelId: string) {
    for (const g of guilds) {
      const c = g.channels.find((x) => x.id === channelId);
      if (c) return { guild: g, channel: c };
    }
    throw new Error(`fake discord has no channel ${channelId}`);
  }

  async function serveCdn(req: IncomingMessage, res: ServerResponse, url: URL) {
    const match = /^\/attachments\/(\d+)\/(\d+)\/[^/]+$/.exec(url.pathname);
    const a = match ? attachments.get(match[2]!) : undefined;
    if (!a) {
      res.writeHead(404).end('Not Found');
      return;
    }
    const ex = url.searchParams.get('ex') ?? '';
    const hm = url.searchParams.get('hm') ?? '';
    const valid = createHmac('sha256', secret).update(`${url.pathname}|${ex}`).digest('hex') === hm;
    if (!valid || parseInt(ex, 16) * 1000 < Date.now()) {
      // Discord's CDN answers an expired or unsigned link like this.
      res
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('This content is no longer available.');
      return;
    }
    if ((a.failTimes ?? 0) > 0) {
      a.failTimes! -= 1;
      res.writeHead(a.failStatus ?? 500).end('Internal Server Error');
      return;
    }
    a.downloads += 1;
    const served = a.served ?? a.content;
    const headers: Record<string, string | number> = {
      'content-type': a.contentType ?? 'application/octet-stream',
    };
    if (!a.chunked) headers['content-length'] = contentSize(served);
    res.writeHead(200, headers);
    for (const chunk of generatedChunks(served)) {
      if (res.destroyed) return;
      if (!res.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
      if (a.bytesPerSecond)
        await new Promise((r) => setTimeout(r, (chunk.length / a.bytesPerSecond!) * 1000));
    }
    res.end();
  }

  async function serveRest(req: IncomingMessage, res: ServerResponse, url: URL) {
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v\d+/, ''));
    const body = await readBody(req);
    restCalls.push({
      method: req.method ?? 'GET',
      path,
      body,
      authorization: req.headers.authorization,
      at: Date.now(),
    });
    const method = req.method ?? 'GET';
    let m: RegExpExecArray | null;

    // Interaction and webhook routes authenticate with the interaction token, not the bot's.
    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST') {
      const i = interactions.get(m[1]!);
      if (!i || i.token !== m[2])
        return json(res, 401, { message: 'Invalid Webhook Token', code: 50027 });
      if (i.original)
        return json(res, 400, {
          message: 'Interaction has already been acknowledged.',
          code: 40060,
        });
      const cb = body as { type: number; data?: Record<string, unknown> };
      i.original = toMessage(String(i.channelId), cb.data ?? {});
      res.writeHead(204).end();
      return;
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/(@original|\d+))?$/.exec(path))) {
      const i = [...interactions.values()].find((x) => x.token === m![2]);
      if (!i || m[1] !== applicationId || i.expiresAt < Date.now())
        return json(res, 401, { message: 'Invalid Webhook Token', code: 50027 });
      if (m[3] && method === 'PATCH') {
        if (!i.original) return json(res, 404, { message: 'Unknown Message', code: 10008 });
        const target = m[4] === '@original' ? i.original : i.followUps.find((f) => f.id === m![4]);
        if (!target) return json(res, 404, { message: 'Unknown Message', code: 10008 });
        Object.assign(target, pickMessageFields(body as Record<string, unknown>));
        return json(res, 200, target);
      }
      if (m[3] && method === 'GET') {
        return i.original
          ? json(res, 200, i.original)
          : json(res, 404, { message: 'Unknown Message', code: 10008 });
      }
      if (!m[3] && method === 'POST') {
        const msg = toMessage(String(i.channelId), body as Record<string, unknown>);
        i.followUps.push(msg);
        return json(res, 200, msg);
      }
      return json(res, 405, { message: '405: Method Not Allowed', code: 0 });
    }

    if (req.headers.authorization !== `Bot ${botToken}`) {
      json(res, 401, { message: '401: Unauthorized', code: 0 });
      return;
    }
    if (method === 'GET' && path === '/gateway/bot') {
      const wsOrigin = origin.replace('http://', 'ws://');
      return json(res, 200, {
        url: wsOrigin,
        shards: options.recommendedShards ?? 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 16 },
      });
    }
    if (method === 'GET' && (path === '/applications/@me' || path === '/oauth2/applications/@me')) {
      return json(res, 200, {
        id: applicationId,
        name: 'imgpile-bot',
        flags: 0,
        bot: botUser,
        bot_public: true,
      });
    }
    if (
      (m = /^\/applications\/(\d+)(\/guilds\/(\d+))?\/commands$/.exec(path)) &&
      method === 'PUT'
    ) {
      const commands = (body as Record<string, unknown>[]).map((c) => ({
        ...c,
        id: fakeSnowflake(),
        application_id: applicationId,
        version: '1',
      }));
      registered.push({ scope: m[3] ? `guild:${m[3]}` : 'global', commands });
      return json(res, 200, commands);
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') {
      const msg = toMessage(m[1]!, body as Record<string, unknown>);
      messages.set(msg.id, msg);
      return json(res, 200, msg);
    }
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/.exec(path))) {
      const key = `${m[1]}:${m[2]}`;
      const set = reactions.get(key) ?? new Set<string>();
      const emoji = decodeURIComponent(m[3]!);
      if (method === 'PUT') set.add(emoji);
      else if (method === 'DELETE') set.delete(emoji);
      reactions.set(key, set);
      res.writeHead(204).end();
      return;
    }
    if (method === 'POST' && path === '/attachments/refresh-urls') {
      const urls = (body as { attachment_urls?: unknown } | null)?.attachment_urls;
      if (!Array.isArray(urls)) {
        json(res, 400, { message: 'Invalid Form Body', code: 50035 });
        return;
      }
      const refreshed = urls.map((original: unknown) => {
        const u = new URL(String(original));
        const id = /^\/attachments\/\d+\/(\d+)\//.exec(u.pathname)?.[1];
        const a = id ? attachments.get(id) : undefined;
        return { original, refreshed: a ? sign(pathOf(a), Date.now() + 86_400_000) : original };
      });
      json(res, 200, { refreshed_urls: refreshed });
      return;
    }
    json(res, 404, { message: '404: Not Found', code: 0 });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const handle = url.pathname.startsWith('/api/') ? serveRest : serveCdn;
    handle(req, res, url).catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { message: String(err) });
      else res.destroy();
    });
  });
  const wss = new WebSocketServer({ server });
  const identified = new Set<WebSocket>();
  const shardOf = new Map<WebSocket, [number, number]>();
  const sessions = new Map<string, [number, number]>();
  const identifies: { shard: [number, number] | null; intents: number }[] = [];
  /** The shard a guild belongs to: (guild_id >> 22) % shard count, as Discord computes it. */
  const guildShard = (guildId: string, count: number) =>
    Number((BigInt(guildId) >> 22n) % BigInt(count));
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => {
      sockets.delete(ws);
      identified.delete(ws);
      shardOf.delete(ws);
    });
    send(ws, { op: 10, d: { heartbeat_interval: 41_250 } });
    ws.on('message', (raw) => {
      const msg = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : '{}') as {
        op: number;
        d: unknown;
      };
      if (msg.op === 1) {
        send(ws, { op: 11 });
      } else if (msg.op === 6) {
        // RESUME: pick the session up again on this connection.
        const d = msg.d as { token: string; session_id: string };
        const shard = sessions.get(d.session_id);
        if (d.token !== botToken || !shard) {
          send(ws, { op: 9, d: false });
          return;
        }
        shardOf.set(ws, shard);
        identified.add(ws);
        dispatchTo(ws, 'RESUMED', {});
      } else if (msg.op === 2) {
        const d = msg.d as { token: string; shard?: [number, number]; intents: number };
        if (d.token !== botToken) {
          ws.close(4004, 'Authentication failed.');
          return;
        }
        const shard = d.shard ?? [0, 1];
        identifies.push({ shard: d.shard ?? null, intents: d.intents });
        shardOf.set(ws, shard);
        const mine = guilds.filter((g) => guildShard(g.id, shard[1]) === shard[0]);
        const sessionId = randomBytes(8).toString('hex');
        sessions.set(sessionId, shard);
        identified.add(ws);
        dispatchTo(ws, 'READY', {
          v: 10,
          user: { ...userPayload(botUser), verified: true, mfa_enabled: false, flags: 0 },
          guilds: mine.map((g) => ({ id: g.id, unavailable: true })),
          session_id: sessionId,
          resume_gateway_url: origin.replace('http://', 'ws://'),
          shard,
          application: { id: applicationId, flags: 0 },
          private_channels: [],
          relationships: [],
          presences: [],
          guild_join_requests: [],
          geo_ordered_rtc_regions: [],
          auth: {},
          user_settings: {},
        });
        for (const g of mine) dispatchTo(ws, 'GUILD_CREATE', guildPayload(g));
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  /** Sends a dispatch to the session of the shard that owns `guildId` (all, without one). */
  function dispatch(t: string, d: unknown, guildId?: string) {
    for (const ws of identified) {
      const shard = shardOf.get(ws) ?? [0, 1];
      if (guildId === undefined || guildShard(guildId, shard[1]) === shard[0]) dispatchTo(ws, t, d);
    }
  }

  async function waitForGateway(timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (identified.size === 0) {
      if (Date.now() > deadline) throw new Error('no client identified on the fake gateway');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  return {
    origin,
    /** For DISCORD_API_URL: discord.js appends /v10. */
    apiUrl: `${origin}/api`,
    /** For ATTACHMENT_HOSTS. */
    cdnHost: `127.0.0.1:${port}`,
    botToken,
    attachments,
    restCalls,
    /** Puts a file on the CDN and returns it as Discord would describe it in a message. */
    addAttachment(init: FakeAttachmentInit) {
      const a: StoredAttachment = {
        ...init,
        id: init.id ?? fakeSnowflake(),
        channelId: init.channelId ?? '1100000000000000001',
        size: contentSize(init.content),
        downloads: 0,
      };
      attachments.set(a.id, a);
      const expiresAt = init.expired ? Date.now() - 60_000 : Date.now() + 86_400_000;
      return {
        id: a.id,
        url: sign(pathOf(a), expiresAt),
        filename: a.filename,
        size: a.size,
        contentType: a.contentType ?? null,
      };
    },
    applicationId,
    botUser,
    guilds,
    messages,
    reactions,
    registered,
    dispatch,
    waitForGateway,
    /** Every IDENTIFY received: which shard, which intents. */
    identifies,
    /** Closes every gateway connection, as Discord does on a restart (clients reconnect). */
    dropGateway() {
      for (const ws of sockets) ws.close(4000, 'Unknown error');
    },
    /** Connected gateway sessions (identified or not). */
    sessions: () => sockets.size,
    /** Messages the bot sent to a channel (POST /channels/:id/messages), in order. */
    channelMessages: (channelId: string) =>
      [...messages.values()].filter((msg) => msg.channel_id === channelId),
    reactionsOn: (channelId: string, messageId: string) => [
      ...(reactions.get(`${channelId}:${messageId}`) ?? []),
    ],
    /** Posts a user's message in a channel, as the gateway would (MESSAGE_CREATE). */
    postMessage(init: {
      channelId: string;
      author: FakeUser;
      content?: string;
      attachments?: {
        id: string;
        url: string;
        filename: string;
        size: number;
        contentType: string | null;
      }[];
      webhookId?: string;
    }) {
      const { guild, channel } = channelOf(init.channelId);
      const message = {
        id: fakeSnowflake(),
        channel_id: channel.id,
        guild_id: guild.id,
        author: userPayload(init.author),
        member: init.webhookId
          ? undefined
          : { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
        content: init.content ?? '',
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        tts: false,
        mention_everyone: false,
        mentions: [],
        mention_roles: [],
        attachments: (init.attachments ?? []).map((a) => ({
          id: a.id,
          filename: a.filename,
          size: a.size,
          url: a.url,
          proxy_url: a.url,
          content_type: a.contentType ?? undefined,
        })),
        embeds: [],
        pinned: false,
        type: 0,
        ...(init.webhookId ? { webhook_id: init.webhookId } : {}),
      };
      dispatch('MESSAGE_CREATE', message, guild.id);
      return message;
    },
    /**
     * Sends an INTERACTION_CREATE as if `user` used a command, context menu or button in
     * `channelId`. `permissions` is the member's permission bitfield in that channel.
     */
    interact(init: {
      type: 2 | 3;
      channelId: string;
      user: FakeUser;
      permissions?: bigint;
      data: Record<string, unknown>;
      message?: unknown;
      /** Expire the token this many ms after creation (default 15 minutes). */
      tokenTtlMs?: number;
    }): FakeInteraction {
      const { guild, channel } = channelOf(init.channelId);
      const id = fakeSnowflake();
      const token = `itoken-${randomBytes(12).toString('hex')}`;
      interactions.set(id, {
        token,
        expiresAt: Date.now() + (init.tokenTtlMs ?? 15 * 60_000),
        original: null,
        followUps: [],
        channelId: channel.id,
      });
      const permissions = init.permissions ?? EVERYONE;
      dispatch(
        'INTERACTION_CREATE',
        {
          id,
          application_id: applicationId,
          type: init.type,
          token,
          version: 1,
          guild_id: guild.id,
          channel_id: channel.id,
          channel: {
            id: channel.id,
            type: channel.type ?? 0,
            name: channel.name,
            nsfw: channel.nsfw ?? false,
            guild_id: guild.id,
            permissions: permissions.toString(),
          },
          member: memberPayload(init.user, permissions),
          data: init.data,
          ...(init.message ? { message: init.message } : {}),
          app_permissions: EVERYONE.toString(),
          locale: 'en-US',
          guild_locale: 'en-US',
          entitlements: [],
          authorizing_integration_owners: { '0': guild.id },
          context: 0,
          attachment_size_limit: 26_214_400,
        },
        guild.id,
      );
      return {
        id,
        token,
        calls: () =>
          restCalls.filter(
            (c) => c.path.includes(`/interactions/${id}/`) || c.path.includes(`/${token}`),
          ),
        original: () => interactions.get(id)?.original ?? null,
        followUps: () => interactions.get(id)?.followUps ?? [],
      };
    },
    /** Makes an interaction's token expire now (as after 15 minutes). */
    expireInteraction(id: string) {
      const i = interactions.get(id);
      if (i) i.expiresAt = Date.now() - 1;
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
