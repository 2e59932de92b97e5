/**
 * What a server that refuses the bot costs it at Discord: the requests Discord counts as invalid
 * (401, 403, 429), of which 10,000 in 10 minutes get the bot's IP banned for every server. The
 * bot role runs in this process against the local Discord (which counts them as Discord does),
 * a real worker process (src/main.ts worker) replies over REST.
 */
import { PermissionFlagsBits } from 'discord.js';
import { PERMISSIONS } from '../test/fakes/discord.js';
import {
  AFTER_DARK as HEALTHY,
  BOT,
  GALLERY,
  GENERAL,
  GUILD,
  bob as poster,
  testServer,
} from '../test/helpers/cast.js';
import { startHarness, type Harness } from '../test/helpers/harness.js';
import { eventually } from '../test/helpers/interactions.js';
import { MAGIC, fileBytes } from '../test/helpers/media-bytes.js';
import { verdict } from './lib.js';

const MESSAGES = 20;
const TARGET = 5;

/** The bot may no longer send or react in #gallery; Discord tells it (CHANNEL_UPDATE). */
async function losePermissions(s: Harness) {
  s.discord.setOverwrites(GALLERY, [
    { id: BOT, type: 1, deny: PERMISSIONS.SEND_MESSAGES | PERMISSIONS.ADD_REACTIONS },
  ]);
  await eventually(
    () => {
      const channel = s.bot!.client.channels.cache.get(GALLERY);
      const lost = PermissionFlagsBits.SendMessages | PermissionFlagsBits.AddReactions;
      return channel && 'permissionsFor' in channel && !channel.permissionsFor(BOT)?.has(lost);
    },
    10_000,
    'the bot to see its permissions gone',
  );
}

const postFiles = (s: Harness, channelId: string, n: number, seed: number) =>
  Array.from({ length: n }, (_, i) =>
    s.discord.postMessage({
      channelId,
      author: poster,
      attachments: [
        s.discord.addAttachment({
          filename: `${seed + i}.png`,
          content: fileBytes(2000, MAGIC.png, seed + i),
          contentType: 'image/png',
        }),
      ],
    }),
  );

async function queuesEmpty(s: Harness) {
  await eventually(
    async () => {
      const counts = await Promise.all(
        [s.uploadsQueue, s.requestsQueue].map((q) =>
          q.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'waiting-children'),
        ),
      );
      return counts.every((c) => Object.values(c).every((n) => n === 0));
    },
    300_000,
    'the queues to empty',
  );
}

/**
 * `lostBefore`: the permissions go before the 20 messages (the bot sees it in its cache);
 * otherwise after they were queued, before the worker replies.
 */
async function refusalsRun(redisUrl: string, lostBefore: boolean): Promise<number> {
  const s = await startHarness({
    redisUrl,
    bot: true,
    workers: false,
    logLevel: 'error',
    discord: { guilds: [{ ...testServer(), systemChannelId: GENERAL }] },
  });
  try {
    for (const channel of [GALLERY, HEALTHY])
      await s.services.store.watches.set(GUILD, channel, { mode: 'media', visibility: 'public' });
    // The bot follows watch changes over pub/sub and caches only watched channels: a message
    // posted before it has taken the change is not for a watched channel yet.
    await eventually(
      () => [GALLERY, HEALTHY].every((c) => s.bot!.client.channels.cache.has(c)),
      10_000,
      'the bot to follow the watches',
    );
    if (lostBefore) {
      await s.startWorkerProcesses(1);
      await losePermissions(s);
      postFiles(s, GALLERY, MESSAGES, 0);
    } else {
      postFiles(s, GALLERY, MESSAGES, 0);
      await eventually(
        async () =>
          (await s.requestsQueue.getJobCounts('waiting-children'))['waiting-children'] === MESSAGES,
        30_000,
        'the messages queued',
      );
      await losePermissions(s);
      await s.startWorkerProcesses(1);
    }
    // A healthy watched channel answers afterwards: the 20 were seen, and handled.
    postFiles(s, HEALTHY, 1, 100);
    await eventually(() => s.discord.channelMessages(HEALTHY)[0], 60_000, 'the healthy reply');
    await queuesEmpty(s);
    return s.discord.refusedRequests.length;
  } finally {
    await s.close();
  }
}

export async function benchDiscordRefusals(redisUrl: string) {
  console.log(
    `\n## Refusals: Discord requests refused (401, 403, 429) for ${MESSAGES} messages in a watched channel where the bot lost Send Messages and Add Reactions (bot in this process, 1 worker process)`,
  );
  const before = await refusalsRun(redisUrl, true);
  console.log(
    `refused Discord requests for ${MESSAGES} messages in a watched channel where the bot lost its permissions   ${before}   (target <= ${TARGET}: ${verdict(before <= TARGET)})`,
  );
  const after = await refusalsRun(redisUrl, false);
  console.log(
    `... when the permissions went after the ${MESSAGES} were queued, before the replies          ${after}   (target <= ${TARGET}: ${verdict(after <= TARGET)})`,
  );
}
