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
    /** Who installed the app for this use (default: the server where the bot is). */
    installation?: 'guild' | 'user' | 'both';
    /** The member's Discord language (default en-US). */
    locale?: string;
  },
) {
  return discord.interact({
    type: 2,
    channelId: init.channelId,
    user: init.user,
    permissions: init.permissions,
    installation: init.installation,
    ...(init.locale ? { locale: init.locale } : {}),
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

/**
 * Presses the button `customId` (or picks `values` in the select `customId`) on a message the
 * bot sent, as `user`. `message` names it: its id, or the message as the fake returned it
 * (`i.original()`, `i.followUps()[0]`, `discord.channelMessages(channel)[0]`); only the id is
 * read. The fake sends the message as it holds it now, and refuses (throws) as Discord does: a
 * message it does not hold, a custom_id not on it or disabled, an ephemeral message of another
 * user. `channelId` defaults to the message's channel.
 */
export function pressButton(
  discord: FakeDiscord,
  init: {
    user: FakeUser;
    customId: string;
    message: string | { id: string } | null | undefined;
    channelId?: string;
    permissions?: bigint;
    /** For a select menu: the chosen values. */
    values?: string[];
  },
) {
  const id = typeof init.message === 'string' ? init.message : init.message?.id;
  const channelId = init.channelId ?? (id ? discord.heldMessage(id)?.channel_id : undefined);
  if (!id || !channelId)
    throw new Error(`pressButton: the fake holds no message ${String(id)} the bot sent`);
  return discord.interact({
    type: 3,
    channelId,
    user: init.user,
    permissions: init.permissions,
    data: { custom_id: init.customId, ...(init.values ? { values: init.values } : {}) },
    message: { id },
  });
}

/**
 * Submits a modal (a MODAL_SUBMIT interaction, type 5) with text input `values` by custom_id,
 * in the current Label form (`{ type: 18, component: { type: 4, custom_id, value } }`), or the
 * older action-row form. `message`: the message whose component opened the modal, if any.
 */
export function submitModal(
  discord: FakeDiscord,
  init: {
    channelId: string;
    user: FakeUser;
    customId: string;
    values: Record<string, string>;
    message?: Record<string, unknown>;
    permissions?: bigint;
    form?: 'label' | 'actionRow';
  },
) {
  let id = 0;
  const components = Object.entries(init.values).map(([customId, value]) => {
    const input = { type: 4, id: (id += 2), custom_id: customId, value };
    return init.form === 'actionRow'
      ? { type: 1, id: id - 1, components: [input] }
      : { type: 18, id: id - 1, component: input };
  });
  return discord.interact({
    type: 5,
    channelId: init.channelId,
    user: init.user,
    permissions: init.permissions,
    data: { custom_id: init.customId, components },
    ...(init.message ? { message: init.message } : {}),
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

/**
 * Everything a person reads in a message, whatever its form: its content, and for a Components
 * V2 message every text display, gallery item URL (and description) and link button URL, in
 * order. Lets a test ask "does the reply give this link" of plain and gallery replies alike.
 */
export function textOf(message: { content?: string; components?: unknown[] } | null | undefined) {
  if (!message) return '';
  const parts: string[] = message.content ? [message.content] : [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const c = node as Record<string, unknown>;
    if (typeof c.content === 'string' && c.type === 10) parts.push(c.content);
    if (c.type === 12 && Array.isArray(c.items))
      for (const item of c.items as { media?: { url?: string }; description?: string }[])
        parts.push([item.media?.url, item.description].filter(Boolean).join(' '));
    if (c.type === 2 && typeof c.url === 'string') parts.push(c.url);
    walk(c.components);
    walk(c.accessory);
  };
  walk(message.components);
  return parts.join('\n');
}

/** The final reply of a rehost: once the worker has replaced the "Rehosting" text. */
export function finalReply<T extends { content: string; components: unknown[] }>(
  interaction: { original: () => T | null },
  timeoutMs = 15_000,
) {
  return eventually(
    () => {
      const o = interaction.original();
      const text = textOf(o);
      return o && text && !text.startsWith('⏳') ? o : undefined;
    },
    timeoutMs,
    'the final reply',
  );
}

/** Every button of a message (classic rows or Components V2, nested), in order. */
export function buttonsOf(message: { components?: unknown[] } | null | undefined) {
  const found: {
    label?: string;
    custom_id?: string;
    url?: string;
    disabled?: boolean;
    style?: number;
  }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const c = node as Record<string, unknown>;
    if (c.type === 2) found.push(c);
    walk(c.components);
    walk(c.accessory);
  };
  walk(message?.components);
  return found;
}

/** Every media gallery item URL of a message, in order. */
export function galleryUrlsOf(message: { components?: unknown[] } | null | undefined) {
  const urls: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const c = node as Record<string, unknown>;
    if (c.type === 12 && Array.isArray(c.items))
      for (const item of c.items as { media?: { url?: string } }[])
        if (item.media?.url) urls.push(item.media.url);
    walk(c.components);
  };
  walk(message?.components);
  return urls;
}
