import { afterEach, describe, expect, it } from 'vitest';
import { BOT, GENERAL, alice, testServer } from '../helpers/cast.js';
import { PERMISSIONS, startFakeDiscord, type FakeDiscord } from './discord.js';

let discord: FakeDiscord | undefined;
afterEach(async () => {
  await discord?.close();
  discord = undefined;
});

async function get(path: string) {
  const res = await fetch(`${discord!.apiUrl}/v10${path}`, {
    headers: { authorization: `Bot ${discord!.botToken}` },
  });
  return { status: res.status, body: await res.json() };
}

const ids = (body: unknown) => (body as { id: string }[]).map((m) => m.id);

/** Posts `n` messages by alice in #general (nobody connected: they are kept all the same). */
function post(n: number) {
  return Array.from({ length: n }, (_, i) =>
    discord!.postMessage({ channelId: GENERAL, author: alice, content: `m${i}` }),
  ).map((m) => m.id);
}

describe('GET /channels/:id/messages, as Discord answers it', () => {
  it('pages newest first: by default the latest 50, `before` older, `after` the next ones', async () => {
    discord = await startFakeDiscord({ guilds: [testServer()] });
    const posted = post(120);
    const latest = await get(`/channels/${GENERAL}/messages`);
    expect(ids(latest.body)).toEqual(posted.slice(-50).reverse());
    const before = await get(`/channels/${GENERAL}/messages?before=${posted[10]}&limit=5`);
    expect(ids(before.body)).toEqual(posted.slice(5, 10).reverse());
    // `after` gives the messages right after the anchor, still newest first.
    const after = await get(`/channels/${GENERAL}/messages?after=${posted[10]}&limit=100`);
    expect(ids(after.body)).toEqual(posted.slice(11, 111).reverse());
    const around = await get(`/channels/${GENERAL}/messages?around=${posted[50]}&limit=5`);
    expect(ids(around.body)).toEqual(posted.slice(48, 53).reverse());
  });

  it('refuses a limit outside 1-100 and more than one anchor with 400 50035', async () => {
    discord = await startFakeDiscord({ guilds: [testServer()] });
    const [first] = post(2);
    for (const q of ['limit=0', 'limit=101', 'limit=x', `before=${first}&after=${first}`]) {
      const res = await get(`/channels/${GENERAL}/messages?${q}`);
      expect(res.status, q).toBe(400);
      expect((res.body as { code: number }).code).toBe(50035);
    }
  });

  it('needs View Channel (403 50001) and Read Message History (403 50013)', async () => {
    discord = await startFakeDiscord({ guilds: [testServer()] });
    post(1);
    discord.setOverwrites(GENERAL, [{ id: BOT, type: 1, deny: PERMISSIONS.READ_MESSAGE_HISTORY }]);
    const noHistory = await get(`/channels/${GENERAL}/messages`);
    expect([noHistory.status, (noHistory.body as { code: number }).code]).toEqual([403, 50013]);
    discord.setOverwrites(GENERAL, [{ id: BOT, type: 1, deny: PERMISSIONS.VIEW_CHANNEL }]);
    const hidden = await get(`/channels/${GENERAL}/messages`);
    expect([hidden.status, (hidden.body as { code: number }).code]).toEqual([403, 50001]);
  });

  it('signs attachment links afresh on every read: an expired link comes back alive', async () => {
    discord = await startFakeDiscord({ guilds: [testServer()] });
    const file = discord.addAttachment({
      filename: 'old.png',
      content: Buffer.from('png'),
      expired: true,
    });
    const message = discord.postMessage({ channelId: GENERAL, author: alice, attachments: [file] });
    expect((await fetch(file.url)).status).toBe(404);
    for (const path of [
      `/channels/${GENERAL}/messages`,
      `/channels/${GENERAL}/messages/${message.id}`,
    ]) {
      const read = (await get(path)).body;
      const m = (Array.isArray(read) ? read[0] : read) as { attachments: { url: string }[] };
      expect(m.attachments[0]!.url).not.toBe(file.url);
      expect((await fetch(m.attachments[0]!.url)).status).toBe(200);
    }
  });
});
