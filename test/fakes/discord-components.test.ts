import { afterEach, describe, expect, it } from 'vitest';
import { AFTER_DARK, GENERAL, alice, bob, testServer } from '../helpers/cast.js';
import { pressButton } from '../helpers/interactions.js';
import { startFakeDiscord, type FakeDiscord } from './discord.js';

let discord: FakeDiscord | undefined;
afterEach(async () => {
  await discord?.close();
  discord = undefined;
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${discord!.apiUrl}/v10${path}`, {
    method,
    headers: { authorization: `Bot ${discord!.botToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

const button = (customId: string, extra: Record<string, unknown> = {}) => ({
  type: 2,
  style: 2,
  label: customId,
  custom_id: customId,
  ...extra,
});
const row = (...components: unknown[]) => ({ type: 1, components });

/** A message the bot posts in #general, as Discord stored it. */
async function botPost(body: Record<string, unknown>, channelId = GENERAL) {
  const sent = await api('POST', `/channels/${channelId}/messages`, body);
  expect(sent.status).toBe(200);
  return sent.body as { id: string; components: unknown[] };
}

/** An ephemeral reply of the bot to alice's command, carrying `components`. */
async function ephemeralReply(components: unknown[]) {
  const cmd = discord!.interact({
    type: 2,
    channelId: GENERAL,
    user: alice,
    data: { name: 'x', type: 1 },
  });
  const answered = await api('POST', `/interactions/${cmd.id}/${cmd.token}/callback`, {
    type: 4,
    data: { content: 'yours', flags: 64, components },
  });
  expect(answered.status).toBe(204);
  return cmd.original()!;
}

describe('component interactions, as Discord validates them', () => {
  it('accepts a button on a message the bot sent, and sends that message as Discord holds it', async () => {
    discord = await startFakeDiscord({ guilds: [testServer()] });
    const message = await botPost({ content: 'pick', components: [row(button('a:1'))] });
    const i = pressButton(discord, { user: bob, customId: 'a:1', message: message.id });
    expect(i.payload.data).toMatchObject({ custom_id: 'a:1', component_type: 2 });
    expect(i.payload.message).toMatchObject({
      id: message.id,
      channel_id: GENERAL,
      content: 'pick',
      components: message.components,
    });
  });

  it('refuses a custom_id that is not on the message, or a message the bot never sent', async () => {
    discord = await startFakeDiscord({ guilds: [testServer()] });
    const message = await botPost({ content: 'pick', components: [row(button('a:1'))] });
    expect(() => pressButton(discord!, { user: bob, customId: 'a:2', message })).toThrow(
      /no component with custom_id "a:2".*This interaction failed/,
    );
    // A test's own description of a message does not count: only the stored one.
    const forged = { type: 3, channelId: GENERAL, user: bob, data: { custom_id: 'x' } } as const;
    expect(() => discord!.interact({ ...forged, message: { id: '1', components: [] } })).toThrow(
      /never sent a message 1/,
    );
    const posted = discord.postMessage({
      channelId: GENERAL,
      author: alice,
      components: [row(button('x'))],
    });
    expect(() => discord!.interact({ ...forged, message: { id: posted.id } })).toThrow(
      /never sent/,
    );
    // Nor in another channel than the message's.
    expect(() =>
      pressButton(discord!, { user: bob, customId: 'a:1', message, channelId: AFTER_DARK }),
    ).toThrow(/is in channel/);
  });

  it('refuses a disabled component, nested in Components V2 too', async () => {
    discord = await startFakeDiscord({ guilds: [testServer()] });
    const message = await botPost({
      flags: 1 << 15,
      components: [
        {
          type: 17,
          components: [
            {
              type: 9,
              components: [{ type: 10, content: 'a section' }],
              accessory: button('acc:on'),
            },
            row(button('off', { disabled: true })),
          ],
        },
      ],
    });
    expect(() => pressButton(discord!, { user: bob, customId: 'off', message })).toThrow(
      /"off" is disabled/,
    );
    const i = pressButton(discord, { user: bob, customId: 'acc:on', message });
    expect(i.payload.data).toMatchObject({ custom_id: 'acc:on', component_type: 2 });
  });

  it("refuses another user's ephemeral message; its own user may press it", async () => {
    discord = await startFakeDiscord({ guilds: [testServer()] });
    const reply = await ephemeralReply([row(button('mine'))]);
    expect(() => pressButton(discord!, { user: bob, customId: 'mine', message: reply })).toThrow(
      /ephemeral, shown to .* only/,
    );
    const i = pressButton(discord, { user: alice, customId: 'mine', message: reply });
    expect(i.payload.message).toMatchObject({ id: reply.id, flags: 64 });
  });

  it('sees the message as it is now: an edit or an update that removed a button removes it', async () => {
    discord = await startFakeDiscord({ guilds: [testServer()] });
    const message = await botPost({
      content: 'v1',
      components: [row(button('one'), button('two'))],
    });
    await api('PATCH', `/channels/${GENERAL}/messages/${message.id}`, {
      components: [row(button('two'))],
    });
    expect(() => pressButton(discord!, { user: bob, customId: 'one', message })).toThrow(
      /no component/,
    );
    // An UPDATE_MESSAGE answer to a press changes the message itself.
    const press = pressButton(discord, { user: bob, customId: 'two', message });
    const updated = await api('POST', `/interactions/${press.id}/${press.token}/callback`, {
      type: 7,
      data: { content: 'v2', components: [row(button('three'))] },
    });
    expect(updated.status).toBe(204);
    expect(discord.heldMessage(message.id)).toMatchObject({ content: 'v2' });
    expect(() => pressButton(discord!, { user: bob, customId: 'two', message })).toThrow(
      /no component/,
    );
    const next = pressButton(discord, { user: bob, customId: 'three', message });
    expect(next.payload.message).toMatchObject({ content: 'v2' });
    // Deleted: nothing left to press.
    await api('DELETE', `/channels/${GENERAL}/messages/${message.id}`);
    expect(() => pressButton(discord!, { user: bob, customId: 'three', message })).toThrow(
      /holds no message/,
    );
  });

  it("a select's values must be among its options, as many as it takes", async () => {
    discord = await startFakeDiscord({ guilds: [testServer()] });
    const options = ['x', 'y', 'z'].map((v) => ({ label: v, value: v }));
    const message = await botPost({
      components: [row({ type: 3, custom_id: 'sel', options, max_values: 2 })],
    });
    expect(() => pressButton(discord!, { user: bob, customId: 'sel', message })).toThrow(
      /is a select/,
    );
    expect(() =>
      pressButton(discord!, { user: bob, customId: 'sel', message, values: ['w'] }),
    ).toThrow(/offers no option "w"/);
    expect(() =>
      pressButton(discord!, { user: bob, customId: 'sel', message, values: ['x', 'y', 'z'] }),
    ).toThrow(/1 to 2 values/);
    const i = pressButton(discord, { user: bob, customId: 'sel', message, values: ['x', 'z'] });
    expect(i.payload.data).toMatchObject({ component_type: 3, values: ['x', 'z'] });
  });
});
