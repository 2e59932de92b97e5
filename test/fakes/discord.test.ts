import { once } from 'node:events';
import { Client, GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { eventually, submitModal } from '../helpers/interactions.js';
import {
  CHANNEL_TYPE,
  INTENTS,
  manyGuilds,
  PERMISSIONS,
  startFakeDiscord,
  type FakeDiscord,
  type FakeGuild,
  type FakeUser,
} from './discord.js';

const GUILD = '1000000000000000001';
const GENERAL = '1100000000000000001';
const FORUM = '1100000000000000004';
const ROLE = '1300000000000000077';
const alice: FakeUser = { id: '1200000000000000001', username: 'alice' };
const bob: FakeUser = { id: '1200000000000000002', username: 'bob' };

let discord: FakeDiscord | undefined;
let client: Client | undefined;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await client?.destroy();
  client = undefined;
  await discord?.close();
  discord = undefined;
});

type GatewayEvent = { op: number; t?: string; d: Record<string, unknown> };

/** A raw gateway connection: what Discord sends, as it sends it. */
async function connect(fake: FakeDiscord) {
  const ws = new WebSocket(`${fake.origin.replace('http', 'ws')}/?v=10&encoding=json`);
  sockets.push(ws);
  const events: GatewayEvent[] = [];
  ws.on('message', (raw: Buffer) => events.push(JSON.parse(raw.toString()) as GatewayEvent));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await once(ws, 'open');
  return {
    events,
    closed,
    identify(d: { token?: string; intents: number; shard?: [number, number] }) {
      ws.send(
        JSON.stringify({
          op: 2,
          d: { token: fake.botToken, properties: { os: 'linux', browser: 't', device: 't' }, ...d },
        }),
      );
    },
    /** The first event matching, waiting for it. */
    next(match: (e: GatewayEvent) => boolean, what = 'an event') {
      return eventually(() => events.find(match), 5000, what);
    },
    dispatches: (t: string) => events.filter((e) => e.op === 0 && e.t === t),
  };
}

const STANDARD = INTENTS.GUILDS | INTENTS.GUILD_MESSAGES | INTENTS.DIRECT_MESSAGES;

async function api(fake: FakeDiscord, method: string, path: string, body?: unknown) {
  const res = await fetch(`${fake.apiUrl}/v10${path}`, {
    method,
    headers: { authorization: `Bot ${fake.botToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

/** The first error code a 400 50035 answer gives at `path` of its `errors` tree. */
function errorCode(body: Record<string, unknown>, ...path: (string | number)[]) {
  let node: unknown = body.errors;
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[String(key)];
  return (node as { _errors?: { code: string }[] } | undefined)?._errors?.[0]?.code;
}

function guildWith(channels: FakeGuild['channels'], extra: Partial<FakeGuild> = {}): FakeGuild[] {
  return [{ id: GUILD, name: 'Test Server', channels, ...extra }];
}

describe('gateway: what an admin can get wrong', () => {
  it('Message Content not enabled in the portal: the real client fails to log in, 4014', async () => {
    discord = await startFakeDiscord({ privilegedIntents: { messageContent: false } });
    client = new Client({
      intents: [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.GuildMessages,
        GatewayIntentBits.MessageContent,
      ],
      rest: { api: discord.apiUrl },
    });
    await expect(client.login(discord.botToken)).rejects.toThrow(/disallowed intents/i);
    expect(discord.gatewayStats.closes).toContain(4014);
    expect(discord.identifies).toHaveLength(0);
  });

  it('closes with 4013 on an intent bit that does not exist, 4004 on a bad token, 4010 on a bad shard', async () => {
    discord = await startFakeDiscord();
    const unknownBit = await connect(discord);
    unknownBit.identify({ intents: STANDARD | (1 << 30) });
    expect(await unknownBit.closed).toEqual({ code: 4013, reason: 'Invalid intent(s).' });
    const badToken = await connect(discord);
    badToken.identify({ token: 'nope', intents: STANDARD });
    expect((await badToken.closed).code).toBe(4004);
    const badShard = await connect(discord);
    badShard.identify({ intents: STANDARD, shard: [2, 2] });
    expect(await badShard.closed).toEqual({ code: 4010, reason: 'Invalid shard.' });
  });

  it('4011 when one session would hold too many guilds; /gateway/bot recommends a shard per 1000 guilds', async () => {
    discord = await startFakeDiscord({ guilds: manyGuilds(2001, 1), maxGuildsPerShard: 2500 });
    expect((await api(discord, 'GET', '/gateway/bot')).body).toMatchObject({
      shards: 3,
      session_start_limit: { total: 1000, remaining: 1000, max_concurrency: 1 },
    });
    await discord.close();
    discord = await startFakeDiscord({ guilds: manyGuilds(5, 1), maxGuildsPerShard: 2 });
    const one = await connect(discord);
    one.identify({ intents: STANDARD, shard: [0, 1] });
    expect(await one.closed).toEqual({ code: 4011, reason: 'Sharding required.' });
    const sharded = await connect(discord);
    sharded.identify({ intents: STANDARD, shard: [0, 3] });
    const ready = await sharded.next((e) => e.t === 'READY', 'READY');
    // (guild_id >> 22) % 3: the generated ids are one millisecond apart.
    expect((ready.d.guilds as unknown[]).length).toBe(2);
    expect(sharded.dispatches('GUILD_CREATE')).toHaveLength(2);
  });

  it('identifying faster than max_concurrency allows answers Invalid Session (op 9)', async () => {
    discord = await startFakeDiscord();
    const first = await connect(discord);
    first.identify({ intents: STANDARD, shard: [0, 2] });
    await first.next((e) => e.t === 'READY', 'READY');
    const second = await connect(discord);
    second.identify({ intents: STANDARD, shard: [1, 2] });
    expect((await second.next((e) => e.op === 9, 'op 9')).d).toBe(false);
    expect(discord.identifies).toHaveLength(1);
    expect(discord.gatewayStats.invalidSessions).toBe(1);
    expect(discord.sessionStartLimit.remaining).toBe(999);
  });

  it('Discord unreachable: connections are refused until it comes back', async () => {
    discord = await startFakeDiscord({ startUnreachable: true });
    await expect(fetch(`${discord.apiUrl}/v10/gateway`)).rejects.toThrow();
    await discord.acceptConnections();
    expect((await fetch(`${discord.apiUrl}/v10/gateway`)).status).toBe(200);
    await discord.refuseConnections();
    await expect(fetch(`${discord.apiUrl}/v10/gateway`)).rejects.toThrow();
  });
});

describe('gateway: what a session receives', () => {
  it('without Message Content, a message arrives emptied unless it mentions the bot', async () => {
    discord = await startFakeDiscord();
    const s = await connect(discord);
    s.identify({ intents: STANDARD });
    await s.next((e) => e.t === 'GUILD_CREATE', 'GUILD_CREATE');
    const att = discord.addAttachment({ filename: 'cat.png', content: Buffer.from('png') });
    const plain = discord.postMessage({
      channelId: GENERAL,
      author: alice,
      content: 'look https://example.com/cat.png',
      attachments: [att],
    });
    const mention = discord.postMessage({
      channelId: GENERAL,
      author: alice,
      content: `<@${discord.botUser.id}> rehost this`,
      attachments: [att],
    });
    const got = await s.next((e) => e.t === 'MESSAGE_CREATE' && e.d.id === mention.id, 'mention');
    const emptied = s.dispatches('MESSAGE_CREATE').find((e) => e.d.id === plain.id)!;
    expect(emptied.d).toMatchObject({ content: '', attachments: [], embeds: [], components: [] });
    expect((got.d.attachments as unknown[]).length).toBe(1);
    expect(got.d.content).toContain('rehost this');
  });

  it('without GUILD_MESSAGES no guild message is dispatched; DMs need DIRECT_MESSAGES', async () => {
    discord = await startFakeDiscord();
    const s = await connect(discord);
    s.identify({ intents: INTENTS.GUILDS | INTENTS.DIRECT_MESSAGES | INTENTS.MESSAGE_CONTENT });
    await s.next((e) => e.t === 'GUILD_CREATE', 'GUILD_CREATE');
    discord.postMessage({ channelId: GENERAL, author: alice, content: 'in the server' });
    const dm = discord.postMessage({
      channelId: discord.dmChannel(alice),
      author: alice,
      content: 'hi',
    });
    const got = await s.next((e) => e.t === 'MESSAGE_CREATE', 'the DM');
    expect(got.d.id).toBe(dm.id);
    expect(got.d.guild_id).toBeUndefined();
    expect(s.dispatches('MESSAGE_CREATE')).toHaveLength(1);
  });

  it('a message in a thread carries the thread id; threads carry parent, metadata and no nsfw', async () => {
    discord = await startFakeDiscord({
      guilds: guildWith([{ id: GENERAL, name: 'after-dark', nsfw: true }]),
    });
    const s = await connect(discord);
    s.identify({ intents: STANDARD | INTENTS.MESSAGE_CONTENT });
    await s.next((e) => e.t === 'GUILD_CREATE', 'GUILD_CREATE');
    const thread = discord.createThread({ parentId: GENERAL, name: 'photos', owner: alice });
    const created = await s.next((e) => e.t === 'THREAD_CREATE', 'THREAD_CREATE');
    expect(created.d).toMatchObject({
      id: thread.id,
      type: CHANNEL_TYPE.PUBLIC_THREAD,
      parent_id: GENERAL,
      owner_id: alice.id,
      newly_created: true,
      thread_metadata: { archived: false, locked: false, auto_archive_duration: 1440 },
    });
    expect(created.d).not.toHaveProperty('nsfw');
    const msg = discord.postMessage({ threadId: thread.id, author: alice, content: 'in thread' });
    const got = await s.next((e) => e.t === 'MESSAGE_CREATE', 'the thread message');
    expect(got.d).toMatchObject({ id: msg.id, channel_id: thread.id, guild_id: GUILD });
    expect((await api(discord, 'GET', `/channels/${thread.id}`)).body).toMatchObject({
      id: thread.id,
      parent_id: GENERAL,
      message_count: 1,
    });
  });

  it('a forum post dispatches THREAD_CREATE, then its starter message with the thread id', async () => {
    discord = await startFakeDiscord({
      guilds: guildWith([{ id: FORUM, name: 'showcase', type: CHANNEL_TYPE.GUILD_FORUM }]),
    });
    const s = await connect(discord);
    s.identify({ intents: STANDARD | INTENTS.MESSAGE_CONTENT });
    await s.next((e) => e.t === 'GUILD_CREATE', 'GUILD_CREATE');
    const att = discord.addAttachment({ filename: 'art.png', content: Buffer.from('png') });
    const { thread } = discord.createForumPost({
      channelId: FORUM,
      author: alice,
      content: 'my art',
      attachments: [att],
    });
    const message = await s.next((e) => e.t === 'MESSAGE_CREATE', 'the starter message');
    const order = s.events.filter((e) => e.op === 0).map((e) => e.t);
    expect(order.indexOf('THREAD_CREATE')).toBeLessThan(order.indexOf('MESSAGE_CREATE'));
    expect(s.dispatches('THREAD_CREATE')[0]!.d).toMatchObject({
      parent_id: FORUM,
      newly_created: true,
    });
    expect(message.d).toMatchObject({ id: thread.id, channel_id: thread.id, guild_id: GUILD });
    expect((message.d.attachments as unknown[]).length).toBe(1);
  });

  it('postMessages spreads many messages over channels without keeping them', async () => {
    discord = await startFakeDiscord({ guilds: manyGuilds(3, 4) });
    const s = await connect(discord);
    s.identify({ intents: STANDARD });
    await eventually(() => s.dispatches('GUILD_CREATE').length === 3, 5000, 'GUILD_CREATEs');
    const { sent } = await discord.postMessages(1000, { store: 'none' });
    expect(sent).toBe(1000);
    await eventually(() => s.dispatches('MESSAGE_CREATE').length === 1000, 10_000, 'every message');
    expect(new Set(s.dispatches('MESSAGE_CREATE').map((e) => e.d.channel_id)).size).toBe(12);
  });
});

describe('REST: where Discord refuses the bot', () => {
  it('sending into a forum channel fails; into its post works', async () => {
    discord = await startFakeDiscord({
      guilds: guildWith([{ id: FORUM, name: 'showcase', type: CHANNEL_TYPE.GUILD_FORUM }]),
    });
    const refused = await api(discord, 'POST', `/channels/${FORUM}/messages`, { content: 'hi' });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe(50008);
    const { thread } = discord.createForumPost({ channelId: FORUM, author: alice, content: 'q' });
    expect(
      (await api(discord, 'POST', `/channels/${thread.id}/messages`, { content: 'a' })).status,
    ).toBe(200);
  });

  it('a reply without Read Message History fails (403 160002); a plain message does not', async () => {
    discord = await startFakeDiscord({
      guilds: guildWith([
        {
          id: GENERAL,
          name: 'general',
          overwrites: [{ id: GUILD, type: 0, deny: PERMISSIONS.READ_MESSAGE_HISTORY }],
        },
      ]),
    });
    const target = discord.postMessage({ channelId: GENERAL, author: alice, content: 'x' });
    const reply = await api(discord, 'POST', `/channels/${GENERAL}/messages`, {
      content: 'done',
      message_reference: { message_id: target.id },
    });
    expect(reply).toEqual({
      status: 403,
      body: { message: 'Cannot reply without permission to read message history', code: 160002 },
    });
    const plain = await api(discord, 'POST', `/channels/${GENERAL}/messages`, { content: 'done' });
    expect(plain.status).toBe(200);
    const reaction = await api(
      discord,
      'PUT',
      `/channels/${GENERAL}/messages/${target.id}/reactions/${encodeURIComponent('✅')}/@me`,
    );
    expect(reaction.body).toMatchObject({ code: 50013 });
  });

  it('a member who blocked the bot: its reactions on their messages fail (403 90001), as do DMs to them (403 50007); replies to them do not', async () => {
    const fake = await startFakeDiscord({ guilds: guildWith([{ id: GENERAL, name: 'general' }]) });
    discord = fake;
    fake.blockBot(alice);
    const theirs = fake.postMessage({ channelId: GENERAL, author: alice, content: 'x' });
    const others = fake.postMessage({ channelId: GENERAL, author: bob, content: 'y' });
    const react = (id: string) =>
      api(
        fake,
        'PUT',
        `/channels/${GENERAL}/messages/${id}/reactions/${encodeURIComponent('✅')}/@me`,
      );
    expect(await react(theirs.id)).toEqual({
      status: 403,
      body: { message: 'Reaction was blocked', code: 90001 },
    });
    expect((await react(others.id)).status).toBe(204);
    const reply = await api(fake, 'POST', `/channels/${GENERAL}/messages`, {
      content: 'done',
      message_reference: { message_id: theirs.id },
    });
    expect(reply.status).toBe(200);
    const dm = await api(fake, 'POST', '/users/@me/channels', { recipient_id: alice.id });
    const sent = await api(
      discord,
      'POST',
      `/channels/${(dm.body as { id: string }).id}/messages`,
      {
        content: 'hi',
      },
    );
    expect(sent).toEqual({
      status: 403,
      body: { message: 'Cannot send messages to this user', code: 50007 },
    });
  });

  it('counts every request Discord counts as invalid (401, 403, 429 but shared), with its code', async () => {
    discord = await startFakeDiscord({
      guilds: guildWith([
        {
          id: GENERAL,
          name: 'general',
          overwrites: [{ id: GUILD, type: 0, deny: PERMISSIONS.SEND_MESSAGES }],
        },
        {
          id: FORUM,
          name: 'hidden',
          overwrites: [{ id: GUILD, type: 0, deny: PERMISSIONS.VIEW_CHANNEL }],
        },
      ]),
    });
    const target = discord.postMessage({ channelId: GENERAL, author: alice, content: 'x' });
    expect(
      (await api(discord, 'POST', `/channels/${GENERAL}/messages`, { content: 'a' })).body,
    ).toEqual({ message: 'Missing Permissions', code: 50013 });
    expect((await api(discord, 'GET', `/channels/${FORUM}`)).body).toEqual({
      message: 'Missing Access',
      code: 50001,
    });
    const react = `/channels/${GENERAL}/messages/${target.id}/reactions/${encodeURIComponent('✅')}/@me`;
    expect((await api(discord, 'PUT', react)).status).toBe(204);
    discord.injectRestFailure({ path: /^\/users\/@me$/, status: 429, retryAfter: 1 });
    expect((await api(discord, 'GET', '/users/@me')).status).toBe(429);
    const unauthorized = await fetch(`${discord.apiUrl}/v10/users/@me`, {
      headers: { authorization: 'Bot wrong' },
    });
    expect(unauthorized.status).toBe(401);
    expect(discord.refusedRequests.map((r) => [r.method, r.status, r.code])).toEqual([
      ['POST', 403, 50013],
      ['GET', 403, 50001],
      ['GET', 429, null],
      ['GET', 401, 0],
    ]);
  });

  it('overwrites as Discord applies them (everyone deny, role allow, member deny), and discord.js agrees', async () => {
    discord = await startFakeDiscord({
      guilds: guildWith(
        [
          {
            id: GENERAL,
            name: 'general',
            overwrites: [
              { id: GUILD, type: 0, deny: PERMISSIONS.VIEW_CHANNEL | PERMISSIONS.SEND_MESSAGES },
              { id: ROLE, type: 0, allow: PERMISSIONS.VIEW_CHANNEL | PERMISSIONS.SEND_MESSAGES },
              { id: '1300000000000000001', type: 1, deny: PERMISSIONS.SEND_MESSAGES },
            ],
          },
        ],
        {
          roles: [{ id: ROLE, name: 'helpers', permissions: 0n }],
          botRoles: [ROLE],
          memberRoles: { [alice.id]: [ROLE] },
        },
      ),
    });
    const has = (p: bigint, flag: bigint) => (p & flag) === flag;
    const bot = discord.permissionsOf(GENERAL);
    expect(has(bot, PERMISSIONS.VIEW_CHANNEL)).toBe(true);
    expect(has(bot, PERMISSIONS.SEND_MESSAGES)).toBe(false);
    expect(has(discord.permissionsOf(GENERAL, alice.id), PERMISSIONS.SEND_MESSAGES)).toBe(true);
    expect(has(discord.permissionsOf(GENERAL, bob.id), PERMISSIONS.VIEW_CHANNEL)).toBe(false);
    const refused = await api(discord, 'POST', `/channels/${GENERAL}/messages`, { content: 'x' });
    expect(refused).toEqual({ status: 403, body: { message: 'Missing Permissions', code: 50013 } });

    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
    await client.login(discord.botToken);
    await eventually(() => client!.isReady(), 10_000, 'ready');
    const channel = client.channels.cache.get(GENERAL);
    const perms =
      channel && 'permissionsFor' in channel ? channel.permissionsFor(client.user!) : null;
    expect(perms?.has(PermissionFlagsBits.ViewChannel)).toBe(true);
    expect(perms?.has(PermissionFlagsBits.SendMessages)).toBe(false);
    expect(perms?.bitfield).toBe(bot);

    // A runtime change reaches the client too.
    discord.setOverwrites(GENERAL, []);
    await eventually(
      () =>
        channel &&
        'permissionsFor' in channel &&
        channel.permissionsFor(client!.user!)?.has(PermissionFlagsBits.SendMessages),
      5000,
      'CHANNEL_UPDATE',
    );
    const i = discord.interact({
      type: 2,
      channelId: GENERAL,
      user: bob,
      data: { name: 'x', type: 1 },
    });
    expect(i.payload.app_permissions).toBe(discord.permissionsOf(GENERAL).toString());
  });

  it('locked threads refuse the bot; an archived one is unarchived by its message', async () => {
    discord = await startFakeDiscord();
    const locked = discord.createThread({ parentId: GENERAL, name: 'closed', locked: true });
    expect(
      (await api(discord, 'POST', `/channels/${locked.id}/messages`, { content: 'x' })).body,
    ).toMatchObject({ code: 160005 });
    const archived = discord.createThread({ parentId: GENERAL, name: 'old', archived: true });
    expect(
      (await api(discord, 'POST', `/channels/${archived.id}/messages`, { content: 'x' })).status,
    ).toBe(200);
    expect(
      (
        (await api(discord, 'GET', `/channels/${archived.id}`)).body.thread_metadata as {
          archived: boolean;
        }
      ).archived,
    ).toBe(false);
  });
});

describe('REST: rate limits', () => {
  it('edits of messages in one channel: 5 in 5 s, then 429 with Retry-After, counted as invalid', async () => {
    discord = await startFakeDiscord({
      guilds: guildWith([
        { id: GENERAL, name: 'general' },
        { id: FORUM, name: 'other' },
      ]),
    });
    const send = async (channel: string) =>
      (await api(discord!, 'POST', `/channels/${channel}/messages`, { content: 'x' })).body.id;
    const here = await send(GENERAL);
    const there = await send(FORUM);
    const edit = (channel: string, id: unknown) =>
      api(discord!, 'PATCH', `/channels/${channel}/messages/${String(id)}`, { content: 'y' });
    for (let n = 0; n < 5; n++) expect((await edit(GENERAL, here)).status).toBe(200);
    const limited = await edit(GENERAL, here);
    expect(limited.status).toBe(429);
    expect(limited.body.global).toBe(false);
    expect(limited.body.retry_after).toBeGreaterThan(0);
    expect(limited.body.retry_after).toBeLessThanOrEqual(5);
    expect(discord.refusedRequests.at(-1)).toMatchObject({ method: 'PATCH', status: 429 });
    // Another channel has its own bucket.
    expect((await edit(FORUM, there)).status).toBe(200);
  });
});

describe("REST: a server's active threads", () => {
  it('lists the threads the bot can see, newest first, with its own memberships; refuses a server it is not in', async () => {
    const OTHER = '1000000000000000002';
    discord = await startFakeDiscord({
      guilds: [
        ...guildWith([{ id: GENERAL, name: 'general' }]),
        { id: OTHER, name: 'Not mine', channels: [], botMember: false },
      ],
    });
    const older = discord.createThread({ parentId: GENERAL, name: 'older' });
    const newer = discord.createThread({ parentId: GENERAL, name: 'newer', memberIds: [alice.id] });
    discord.createThread({ parentId: GENERAL, name: 'archived', archived: true });
    // A private thread the bot is not in, and it has no Manage Threads: not listed.
    discord.createThread({ parentId: GENERAL, name: 'secret', type: 12, memberIds: [alice.id] });
    const listed = await api(discord, 'GET', `/guilds/${GUILD}/threads/active`);
    expect(listed.status).toBe(200);
    const threads = listed.body.threads as { id: string; parent_id: string; member?: unknown }[];
    expect(threads.map((t) => t.id)).toEqual([newer.id, older.id]);
    expect(threads.every((t) => t.parent_id === GENERAL && t.member === undefined)).toBe(true);
    expect(listed.body.members).toEqual([]);
    expect(await api(discord, 'GET', `/guilds/${OTHER}/threads/active`)).toEqual({
      status: 403,
      body: { message: 'Missing Access', code: 50001 },
    });
    expect((await api(discord, 'GET', '/guilds/1000000000000000099/threads/active')).body).toEqual({
      message: 'Unknown Guild',
      code: 10004,
    });
  });
});

describe('REST: message validation (400 50035 naming the field)', () => {
  const post = (body: unknown) => api(discord!, 'POST', `/channels/${GENERAL}/messages`, body);

  it('content over 2000 characters, 11 embeds, 6001 characters of embeds', async () => {
    discord = await startFakeDiscord();
    expect(errorCode((await post({ content: 'x'.repeat(2001) })).body, 'content')).toBe(
      'BASE_TYPE_MAX_LENGTH',
    );
    const eleven = await post({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) });
    expect(errorCode(eleven.body, 'embeds')).toBe('BASE_TYPE_MAX_LENGTH');
    const big = await post({
      embeds: [{ description: 'x'.repeat(4000) }, { description: 'y'.repeat(2001) }],
    });
    expect(errorCode(big.body, 'embeds')).toBe('MAX_EMBED_SIZE_EXCEEDED');
    expect((await post({ content: 'x'.repeat(2000) })).status).toBe(200);
  });

  it('classic components: 6 buttons in a row, duplicate custom_ids, a link button without url', async () => {
    discord = await startFakeDiscord();
    const button = (id: string) => ({ type: 2, style: 1, label: id, custom_id: id });
    const six = await post({
      components: [{ type: 1, components: ['a', 'b', 'c', 'd', 'e', 'f'].map(button) }],
    });
    expect(errorCode(six.body, 'components', 0, 'components')).toBe('BASE_TYPE_BAD_LENGTH');
    const dup = await post({
      components: [
        { type: 1, components: [button('a')] },
        { type: 1, components: [button('a')] },
      ],
    });
    expect(errorCode(dup.body, 'components', 1, 'components', 0, 'custom_id')).toBe(
      'COMPONENT_CUSTOM_ID_DUPLICATED',
    );
    const link = await post({
      components: [{ type: 1, components: [{ type: 2, style: 5, label: 'go' }] }],
    });
    expect(errorCode(link.body, 'components', 0, 'components', 0, 'url')).toBe(
      'BASE_TYPE_REQUIRED',
    );
  });

  it('Components V2: content refused, 41 components refused, a gallery of 11 refused, the flag kept on edit', async () => {
    discord = await startFakeDiscord();
    const V2 = 1 << 15;
    const text = (content: string) => ({ type: 10, content });
    const withContent = await post({ flags: V2, content: 'hi', components: [text('hi')] });
    expect(withContent.status).toBe(400);
    expect(errorCode(withContent.body, 'content')).toBe(
      'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
    );
    const many = await post({
      flags: V2,
      components: Array.from({ length: 41 }, (_, n) => text(`t${n}`)),
    });
    expect(errorCode(many.body, 'components')).toBe('MESSAGE_TOTAL_COMPONENTS_EXCEEDED');
    const item = { media: { url: 'https://cdn.imgpile.com/f/abc.png' } };
    const gallery = await post({
      flags: V2,
      components: [{ type: 12, items: Array.from({ length: 11 }, () => item) }],
    });
    expect(errorCode(gallery.body, 'components', 0, 'items')).toBe('BASE_TYPE_BAD_LENGTH');
    const ok = await post({
      flags: V2,
      components: [
        {
          type: 17,
          components: [
            { type: 9, components: [text('**post**')], accessory: { type: 11, media: item.media } },
            { type: 12, items: [item] },
            {
              type: 1,
              components: [{ type: 2, style: 5, label: 'open', url: 'https://imgpile.com/p/x' }],
            },
          ],
        },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.flags).toBe(V2);
    const edit = await api(
      discord,
      'PATCH',
      `/channels/${GENERAL}/messages/${String(ok.body.id)}`,
      {
        flags: 0,
        content: 'x',
      },
    );
    expect(errorCode(edit.body, 'flags')).toBe('MESSAGE_CANNOT_REMOVE_COMPONENTS_V2_FLAG');
    const legacyInV2 = await post({ components: [text('no flag')] });
    expect(errorCode(legacyInV2.body, 'components', 0, 'type')).toBe('UNION_TYPE_CHOICES');
  });
});

describe('interactions', () => {
  it('an answer after the deadline gets 404 10062, and a second answer 40060', async () => {
    discord = await startFakeDiscord({ interactionDeadlineMs: 50 });
    const late = discord.interact({
      type: 2,
      channelId: GENERAL,
      user: alice,
      data: { name: 'x', type: 1 },
    });
    await new Promise((r) => setTimeout(r, 80));
    const answer = await api(discord, 'POST', `/interactions/${late.id}/${late.token}/callback`, {
      type: 5,
    });
    expect(answer).toEqual({ status: 404, body: { message: 'Unknown interaction', code: 10062 } });
    const onTime = discord.interact({
      type: 2,
      channelId: GENERAL,
      user: alice,
      data: { name: 'x', type: 1 },
    });
    expect(
      (
        await api(discord, 'POST', `/interactions/${onTime.id}/${onTime.token}/callback`, {
          type: 5,
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await api(discord, 'POST', `/interactions/${onTime.id}/${onTime.token}/callback`, {
          type: 5,
        })
      ).body.code,
    ).toBe(40060);
  });

  it('in a DM with the bot: user and no member, context 1, and the bot may answer in the channel', async () => {
    discord = await startFakeDiscord();
    const s = await connect(discord);
    s.identify({ intents: STANDARD });
    await s.next((e) => e.t === 'READY', 'READY');
    const dm = discord.dmChannel(alice);
    const i = discord.interact({
      type: 2,
      channelId: dm,
      user: alice,
      data: { name: 'imgpile', type: 1 },
    });
    const got = await s.next((e) => e.t === 'INTERACTION_CREATE', 'INTERACTION_CREATE');
    expect(got.d).toMatchObject({
      id: i.id,
      context: 1,
      user: { id: alice.id },
      channel: { id: dm, type: 1 },
      authorizing_integration_owners: { '0': '0' },
    });
    expect(got.d).not.toHaveProperty('member');
    expect(got.d).not.toHaveProperty('guild_id');
    expect((await api(discord, 'POST', `/channels/${dm}/messages`, { content: 'hi' })).status).toBe(
      200,
    );
  });

  it('a user install in a DM between others: the channel is out of reach, the webhook is not', async () => {
    discord = await startFakeDiscord();
    const between = discord.privateChannel({ recipients: [alice, bob] });
    const i = discord.interact({
      type: 2,
      channelId: between,
      user: alice,
      data: { name: 'imgpile', type: 1 },
    });
    expect(i.payload).toMatchObject({
      context: 2,
      authorizing_integration_owners: { '1': alice.id },
      app_permissions: String(
        PERMISSIONS.ATTACH_FILES | PERMISSIONS.EMBED_LINKS | PERMISSIONS.MENTION_EVERYONE,
      ),
    });
    expect(
      (await api(discord, 'POST', `/channels/${between}/messages`, { content: 'x' })).body.code,
    ).toBe(50001);
    await api(discord, 'POST', `/interactions/${i.id}/${i.token}/callback`, { type: 5 });
    const edit = await api(
      discord,
      'PATCH',
      `/webhooks/${discord.applicationId}/${i.token}/messages/@original`,
      { content: 'done' },
    );
    expect(edit.status).toBe(200);
    expect(i.original()?.content).toBe('done');
    expect(() =>
      discord!.interact({
        type: 2,
        channelId: between,
        user: alice,
        installation: 'guild',
        data: { name: 'x' },
      }),
    ).toThrow(/guild installation/);
  });

  it('refuses, in the test, a command registered without the context it is used in', async () => {
    discord = await startFakeDiscord();
    await api(discord, 'PUT', `/applications/${discord.applicationId}/commands`, [
      { name: 'imgpile', type: 1, description: 'x', contexts: [0], integration_types: [0] },
    ]);
    expect(() =>
      discord!.interact({
        type: 2,
        channelId: discord!.dmChannel(alice),
        user: alice,
        data: { name: 'imgpile', type: 1 },
      }),
    ).toThrow(/contexts \[0\]/);
    expect(() =>
      discord!.interact({
        type: 2,
        channelId: GENERAL,
        user: alice,
        data: { name: 'imgpile', type: 1 },
      }),
    ).not.toThrow();
  });

  it('modals: shown for a command, refused for a modal submit; a follow-up right after a deferral edits it', async () => {
    discord = await startFakeDiscord();
    const cmd = discord.interact({
      type: 2,
      channelId: GENERAL,
      user: alice,
      data: { name: 'x', type: 1 },
    });
    const modal = {
      custom_id: 'edit',
      title: 'Edit post',
      components: [
        { type: 18, label: 'Title', component: { type: 4, custom_id: 'title', style: 1 } },
      ],
    };
    const tooLong = await api(discord, 'POST', `/interactions/${cmd.id}/${cmd.token}/callback`, {
      type: 9,
      data: { ...modal, title: 't'.repeat(46) },
    });
    expect(errorCode(tooLong.body, 'data', 'title')).toBe('BASE_TYPE_BAD_LENGTH');
    expect(
      (
        await api(discord, 'POST', `/interactions/${cmd.id}/${cmd.token}/callback`, {
          type: 9,
          data: modal,
        })
      ).status,
    ).toBe(204);
    expect(cmd.modal()).toMatchObject({ custom_id: 'edit' });

    const submit = submitModal(discord, {
      channelId: GENERAL,
      user: alice,
      customId: 'edit',
      values: { title: 'New' },
    });
    expect(submit.payload.data).toMatchObject({
      custom_id: 'edit',
      components: [{ type: 18, component: { type: 4, custom_id: 'title', value: 'New' } }],
    });
    const again = await api(
      discord,
      'POST',
      `/interactions/${submit.id}/${submit.token}/callback`,
      { type: 9, data: modal },
    );
    expect(again.status).toBe(400);
    await api(discord, 'POST', `/interactions/${submit.id}/${submit.token}/callback`, { type: 5 });
    const follow = await api(
      discord,
      'POST',
      `/webhooks/${discord.applicationId}/${submit.token}`,
      { content: 'saved', flags: 64 },
    );
    expect(follow.body.id).toBe(submit.original()!.id);
    expect(submit.followUps()).toHaveLength(0);
    expect(submit.original()).toMatchObject({ content: 'saved', flags: 0 });
  });

  it('a user install in a server the bot is not in: no GUILD_CREATE, @everyone permissions, no channel access', async () => {
    const OTHER = '1000000000000000002';
    discord = await startFakeDiscord({
      guilds: [
        ...guildWith([{ id: GENERAL, name: 'general' }]),
        {
          id: OTHER,
          name: 'Elsewhere',
          botMember: false,
          channels: [{ id: '1100000000000000009', name: 'chat' }],
        },
      ],
    });
    const s = await connect(discord);
    s.identify({ intents: STANDARD });
    const ready = await s.next((e) => e.t === 'READY', 'READY');
    expect((ready.d.guilds as { id: string }[]).map((g) => g.id)).toEqual([GUILD]);
    const i = discord.interact({
      type: 2,
      channelId: '1100000000000000009',
      user: alice,
      data: { name: 'imgpile', type: 1 },
    });
    expect(i.payload).toMatchObject({
      context: 0,
      guild_id: OTHER,
      member: { user: { id: alice.id } },
      authorizing_integration_owners: { '1': alice.id },
    });
    expect(i.payload.authorizing_integration_owners).not.toHaveProperty('0');
    expect(
      (await api(discord, 'POST', '/channels/1100000000000000009/messages', { content: 'x' })).body,
    ).toEqual({ message: 'Missing Access', code: 50001 });
    await api(discord, 'POST', `/interactions/${i.id}/${i.token}/callback`, { type: 5 });
    const path = `/webhooks/${discord.applicationId}/${i.token}`;
    await api(discord, 'PATCH', `${path}/messages/@original`, { content: 'done' });
    for (let n = 0; n < 5; n++)
      expect((await api(discord, 'POST', path, { content: `${n}` })).status).toBe(200);
    // "Apps are limited to 5 followup messages per interaction" when only a user install authorized it.
    expect((await api(discord, 'POST', path, { content: 'sixth' })).body.code).toBe(40094);
  });

  it('Components V2 replies: not on the deferral, yes on the edit of the original', async () => {
    discord = await startFakeDiscord();
    const V2 = 1 << 15;
    const i = discord.interact({
      type: 2,
      channelId: GENERAL,
      user: alice,
      data: { name: 'x', type: 1 },
    });
    const deferV2 = await api(discord, 'POST', `/interactions/${i.id}/${i.token}/callback`, {
      type: 5,
      data: { flags: V2 | 64 },
    });
    expect(errorCode(deferV2.body, 'data', 'flags')).toBe('MESSAGE_FLAGS_INVALID');
    await api(discord, 'POST', `/interactions/${i.id}/${i.token}/callback`, {
      type: 5,
      data: { flags: 64 },
    });
    const edit = await api(
      discord,
      'PATCH',
      `/webhooks/${discord.applicationId}/${i.token}/messages/@original`,
      {
        flags: V2,
        components: [{ type: 10, content: 'Rehosted **2** files' }],
      },
    );
    expect(edit.status).toBe(200);
    expect(i.original()).toMatchObject({ flags: V2 | 64, components: [{ type: 10, id: 1 }] });
  });
});

describe('the real client over threads and forums', () => {
  it('discord.js builds threads, forums and roles from GUILD_CREATE; a thread takes nsfw from its parent', async () => {
    discord = await startFakeDiscord({
      guilds: guildWith([
        { id: GENERAL, name: 'after-dark', nsfw: true },
        {
          id: FORUM,
          name: 'showcase',
          type: CHANNEL_TYPE.GUILD_FORUM,
          availableTags: [{ id: '1', name: 'art' }],
        },
      ]),
    });
    const thread = discord.createThread({ parentId: GENERAL, name: 'late', owner: alice });
    client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
      rest: { api: discord.apiUrl },
    });
    const received: { channelId: string; content: string; nsfw: boolean | undefined }[] = [];
    client.on('messageCreate', (m) => {
      const parent = m.channel.isThread() ? m.channel.parent : null;
      received.push({
        channelId: m.channelId,
        content: m.content,
        nsfw: parent && 'nsfw' in parent ? parent.nsfw : undefined,
      });
    });
    await client.login(discord.botToken);
    await eventually(() => client!.isReady(), 10_000, 'ready');
    expect(client.channels.cache.get(thread.id)?.isThread()).toBe(true);
    expect(client.channels.cache.get(FORUM)?.type).toBe(CHANNEL_TYPE.GUILD_FORUM);
    discord.createForumPost({ channelId: FORUM, author: alice, content: 'my art' });
    discord.postMessage({ threadId: thread.id, author: bob, content: 'hello' });
    await eventually(() => received.length === 2, 5000, 'both messages');
    // Message Content is enabled by default but this client did not ask for it.
    expect(received.map((r) => r.content)).toEqual(['', '']);
    expect(received[1]).toMatchObject({ channelId: thread.id, nsfw: true });
  });
});

describe('autocomplete (type 4 -> 8)', () => {
  const command = {
    name: 'pick',
    type: 1,
    description: 'x',
    options: [
      { name: 'thing', type: 3, description: 'x', autocomplete: true },
      { name: 'plain', type: 3, description: 'x' },
    ],
  };
  const typing = (option: string, focused = true) => ({
    name: 'pick',
    type: 1,
    options: [{ name: option, type: 3, value: 'ab', ...(focused ? { focused: true } : {}) }],
  });
  const answer = (i: { id: string; token: string }, data: unknown, type = 8) =>
    api(discord!, 'POST', `/interactions/${i.id}/${i.token}/callback`, { type, data });

  it('is sent for the one focused option registered with autocomplete, and only then', async () => {
    discord = await startFakeDiscord();
    await api(discord, 'PUT', `/applications/${discord.applicationId}/commands`, [command]);
    const init = { type: 4 as const, channelId: GENERAL, user: alice };
    expect(() => discord!.interact({ ...init, data: typing('thing', false) })).toThrow(
      /exactly one focused/,
    );
    expect(() => discord!.interact({ ...init, data: typing('plain') })).toThrow(
      /not registered with autocomplete/,
    );
    const i = discord.interact({ ...init, data: typing('thing') });
    expect(i.payload.type).toBe(4);
  });

  it('takes at most 25 choices, names of 1 to 100 characters, string values of at most 100', async () => {
    discord = await startFakeDiscord();
    const type = () =>
      discord!.interact({ type: 4, channelId: GENERAL, user: alice, data: typing('thing') });
    const choices = (n: number, name = 'n', value = 'v') =>
      Array.from({ length: n }, () => ({ name, value }));
    const tooMany = await answer(type(), { choices: choices(26) });
    expect(errorCode(tooMany.body, 'data', 'choices')).toBe('BASE_TYPE_MAX_LENGTH');
    const longName = await answer(type(), { choices: choices(1, 'x'.repeat(101)) });
    expect(errorCode(longName.body, 'data', 'choices', 0, 'name')).toBe('BASE_TYPE_BAD_LENGTH');
    const emptyName = await answer(type(), { choices: choices(1, '') });
    expect(errorCode(emptyName.body, 'data', 'choices', 0, 'name')).toBe('BASE_TYPE_BAD_LENGTH');
    const longValue = await answer(type(), { choices: choices(1, 'n', 'v'.repeat(101)) });
    expect(errorCode(longValue.body, 'data', 'choices', 0, 'value')).toBe('BASE_TYPE_BAD_LENGTH');
    const message = await answer(type(), { content: 'hi' }, 4);
    expect(errorCode(message.body, 'type')).toBe('INTERACTION_RESPONSE_TYPE_INVALID');

    const i = type();
    expect((await answer(i, { choices: choices(25, 'é'.repeat(100)) })).status).toBe(204);
    expect(i.choices()).toHaveLength(25);
    expect((await answer(i, { choices: [] })).body.code).toBe(40060);
  });

  it('an answer after the 3 s window gets 404 10062', async () => {
    discord = await startFakeDiscord({ interactionDeadlineMs: 50 });
    const i = discord.interact({ type: 4, channelId: GENERAL, user: alice, data: typing('thing') });
    await new Promise((r) => setTimeout(r, 80));
    expect((await answer(i, { choices: [] })).status).toBe(404);
  });
});
