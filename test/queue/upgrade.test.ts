import { afterEach, describe, expect, it } from 'vitest';
import { requestJobId, type RequestJob } from '../../src/queue/jobs.js';
import { GENERAL, GUILD, alice } from '../helpers/cast.js';
import { eventually, textOf } from '../helpers/interactions.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline;
afterEach(async () => p?.close());

describe('a request the previous version queued', () => {
  it('is answered with the reasons it stored, as they were, beside this version’s own words', async () => {
    p = await startPipeline({ bot: true });
    const asked = p.discord.postMessage({ channelId: GENERAL, author: alice, content: 'files' });
    // The previous version stored each refusal's words and no catalogue key.
    const job: RequestJob = {
      requestId: 'msg-before-upgrade',
      requester: { guildId: GUILD, channelId: GENERAL, userId: alice.id },
      replyTarget: { type: 'message', channelId: GENERAL, messageId: asked.id },
      post: null,
      files: [],
      refused: [
        {
          index: 0,
          attachmentId: '1400000000000000001',
          filename: 'a.png',
          code: 'bad_url',
          reason: 'words only the previous version had',
        },
        {
          index: 1,
          attachmentId: '1400000000000000002',
          filename: 'b.png',
          code: 'too_large',
          reason: 'the file is larger than its announced size',
        },
        {
          index: 2,
          attachmentId: '1400000000000000003',
          filename: 'c.png',
          code: 'empty',
          reason: 'the file is empty',
        },
      ],
      quotaDay: new Date().toISOString().slice(0, 10),
      createdAt: Date.now(),
    };
    await p.requestsQueue.add('rehost-request', job, { jobId: requestJobId(job.requestId) });
    const reply = await eventually(
      () => p.discord.channelMessages(GENERAL).find((m) => m.message_reference),
      15_000,
      'the reply',
    );
    expect(textOf(reply)).toBe(
      [
        'None of the files could be rehosted.',
        '✖ `a.png`: words only the previous version had',
        '✖ `b.png`: the file is larger than its announced size',
        '✖ `c.png`: the file is empty',
      ].join('\n'),
    );
  });
});
