import type { FakeDiscord, FakeUser } from '../fakes/discord.js';

/** Builders for the interaction payloads Discord sends, as the real API shapes them. */

type Option = { name: string; type: number; value?: unknown; options?: Option[] };

export const OPTION = {
  SUB: 1,
  GROUP: 2,
  STRING: 3,
  BOOLEAN: 5,
  CHANNEL: 7,
  ATTACHMENT: 11,
} as const;

export type CdnAttachment = {
  id: string;
  url: string;
  filename: string;
  size: number;
  contentType: string | null;
};

export function resolvedAttachment(a: CdnAttachment) {
  return {
    id: a.id,
    filename: a.filename,
    size: a.size,
    url: a.url,
    proxy_url: a.url,
    ...(a.contentType ? { content_type: a.contentType } : {}),
  };
}

/** `/imgpile <path...> option:value ...` as an APPLICATION_COMMAND interaction's data. */
export function imgpileCommand(
  path: string[],
  options: Record<string, string | boolean | CdnAttachment | { channel: string }>,
) {
  const leafOptions: Option[] = [];
  const resolved: { attachments?: Record<string, unknown>; channels?: Record<string, unknown> } =
    {};
  for (const [name, value] of Object.entries(options)) {
    if (typeof value === 'string') leafOptions.push({ name, type: OPTION.STRING, value });
    else if (typeof value === 'boolean') leafOptions.push({ name, type: OPTION.BOOLEAN, value });
    else if ('channel' in value) {
      leafOptions.push({ name, type: OPTION.CHANNEL, value: value.channel });
      resolved.channels = {
        ...resolved.channels,
        [value.channel]: { id: value.channel, name: 'channel', type: 0, permissions: '0' },
      };
    } else {
      leafOptions.push({ name, type: OPTION.ATTACHMENT, value: value.id });
      resolved.attachments = { ...resolved.attachments, [value.id]: resolvedAttachment(value) };
    }
  }
  let tree: Option[] = leafOptions;
  for (let i = path.length - 1; i >= 0; i--) {
    tree = [
      { name: path[i]!, type: i === path.length - 1 ? OPTION.SUB : OPTION.GROUP, options: tree },
    ];
  }
  return { id: '1400000000000000001', name: 'imgpile', type: 1, options: tree, resolved };
}

/** Runs `/imgpile ...` as `user` in `channelId`. */
export function runImgpile(
  discord: FakeDiscord,
  init: {
    channelId: string;
    user: FakeUser;
    permissions?: bigint;
    path: string[];
    options?: Parameters<typeof imgpileCommand>[1];
  },
) {
  return discord.interact({
    type: 2,
    channelId: init.channelId,
    user: init.user,
    permissions: init.permissions,
    data: imgpileCommand(init.path, init.options ?? {}),
  });
}

/** The "Rehost to imgpile" message context menu on `message`. */
export function runRehostMessage(
  discord: FakeDiscord,
  init: { channelId: string; user: FakeUser; message: { id: string } & Record<string, unknown> },
) {
  return discord.interact({
    type: 2,
    channelId: init.channelId,
    user: init.user,
    data: {
      id: '1400000000000000002',
      name: 'Rehost to imgpile',
      type: 3,
      target_id: init.message.id,
      resolved: { messages: { [init.message.id]: init.message } },
    },
  });
}

/** Presses a button with `customId` on `message`. */
export function pressButton(
  discord: FakeDiscord,
  init: { channelId: string; user: FakeUser; customId: string; message: Record<string, unknown> },
) {
  return discord.interact({
    type: 3,
    channelId: init.channelId,
    user: init.user,
    data: { custom_id: init.customId, component_type: 2 },
    message: init.message,
  });
}

/** Polls until `check` returns a value (not undefined, null or false), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
