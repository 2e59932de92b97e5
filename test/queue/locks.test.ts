import { Job } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { uploadJobId } from '../../src/queue/jobs.js';
import { ACCOUNT_KEY, linkAccount } from '../helpers/accounts.js';
import { ALICE_TOKEN, CHANNEL, GUILD, IMGPILE_TOKEN, alice } from '../helpers/cast.js';
import { eventually } from '../helpers/interactions.js';
import { MAGIC } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline | undefined;
afterEach(async () => {
  await p?.close();
  p = undefined;
});

describe('the upload lock of an attachment', () => {
  it('lasts as long as its transfer: a second request for the same file waits and reuses it', async () => {
    // The lock lasts 4 x WORKER_LOCK_MS = 6 s here; the transfer takes about 10 s.
    const pipe = await startPipeline({ env: { WORKER_LOCK_MS: '1500' } });
    p = pipe;
    const slow = pipe.discord.addAttachment({
      filename: 'slow.png',
      content: { size: 500_000, head: MAGIC.png },
      contentType: 'image/png',
      bytesPerSecond: 50_000,
    });
    const first = await pipe.enqueue({ attachments: [slow] });
    await eventually(
      async () => {
        const job = await Job.fromId(pipe.uploadsQueue, uploadJobId(first.requestId, slow.id));
        return (await job?.getState()) === 'active';
      },
      10_000,
      'the first transfer to start',
    );
    const second = await pipe.enqueue({ attachments: [slow] });
    const results = [
      await pipe.waitForResult(first.requestId, 60_000),
      await pipe.waitForResult(second.requestId, 60_000),
    ];
    expect(results.map((r) => r.files[0]?.status)).toEqual(['uploaded', 'uploaded']);
    expect(pipe.created().filter((u) => u.filename === 'slow.png')).toHaveLength(1);
  });

  it("lasts as long as its transfer on a member's own account too: the same file is uploaded there once", async () => {
    // As above, but the files go to alice's linked imgpile account: her records and locks are
    // kept apart from the bot's, and her lock must be renewed as the bot's is.
    const pipe = await startPipeline({
      bot: true,
      env: { WORKER_LOCK_MS: '1500', ACCOUNT_ENCRYPTION_KEY: ACCOUNT_KEY },
      imgpile: { users: { [IMGPILE_TOKEN]: 'imgpile-bot', [ALICE_TOKEN]: 'alice-ip' } },
    });
    p = pipe;
    await linkAccount(pipe, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    const slow = pipe.discord.addAttachment({
      filename: 'slow.png',
      content: { size: 500_000, head: MAGIC.png },
      contentType: 'image/png',
      bytesPerSecond: 50_000,
    });
    const requester = {
      guildId: GUILD,
      channelId: CHANNEL,
      userId: alice.id,
      account: 'user' as const,
    };
    const first = await pipe.enqueue({ attachments: [slow], requester });
    await eventually(
      async () => {
        const job = await Job.fromId(pipe.uploadsQueue, uploadJobId(first.requestId, slow.id));
        return (await job?.getState()) === 'active';
      },
      10_000,
      'the first transfer to start',
    );
    const second = await pipe.enqueue({ attachments: [slow], requester });
    const results = [
      await pipe.waitForResult(first.requestId, 60_000),
      await pipe.waitForResult(second.requestId, 60_000),
    ];
    expect(results.map((r) => r.files[0]?.status)).toEqual(['uploaded', 'uploaded']);
    const made = pipe.created().filter((u) => u.filename === 'slow.png');
    expect(made.map((u) => u.user)).toEqual(['alice-ip']);
  });
});
