import { afterEach, describe, expect, it } from 'vitest';
import type { PostOptions } from '../../src/request.js';
import { GUILD, USER } from '../helpers/cast.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

/**
 * A worker process killed (SIGKILL: no shutdown, no grace) in the window where imgpile has done
 * the work but the worker has not yet heard the answer. Another worker process takes the job
 * over once its lock expires (WORKER_LOCK_MS is 5 s in the harness) and must neither make a
 * second post nor leave one more exposed than asked.
 */

let p: Pipeline | undefined;

afterEach(async () => {
  await p?.close();
  p = undefined;
});

const POSTS = /\/api\/v1\/posts$/;
const POST_OF = /\/api\/v1\/posts\/[^/]+$/;

/** Two files, queued as one request with `post`, to one worker process that will be killed. */
async function postRequestUnderWay(post: PostOptions) {
  const pipe = await startPipeline({ workers: false });
  p = pipe;
  const [doomed] = await pipe.startWorkerProcesses(1);
  const atts = [0, 1].map((i) =>
    pipe.discord.addAttachment({
      filename: `${i}.png`,
      content: fileBytes(2000, MAGIC.png, 40 + i),
      contentType: 'image/png',
    }),
  );
  const queued = await pipe.enqueue({ attachments: atts, post });
  return { pipe, doomed: doomed!, requestId: queued.requestId };
}

/** Kills `doomed` while imgpile holds its answer, lets imgpile answer, starts another worker. */
async function killDuring(
  pipe: Pipeline,
  doomed: Awaited<ReturnType<typeof postRequestUnderWay>>['doomed'],
  hold: { held: Promise<void>; release: () => void },
) {
  await hold.held;
  await doomed.stop('SIGKILL');
  hold.release();
  await pipe.startWorkerProcesses(1);
}

const postCalls = (pipe: Pipeline) =>
  pipe.imgpile.requests
    .filter((r) => r.host === 'api' && r.path.startsWith('/api/v1/posts'))
    .map((r) => `${r.method} ${r.status}`);

describe('a worker killed while imgpile makes a post', () => {
  it(
    'a worker killed after imgpile created the post, before it was recorded, leaves one post',
    { timeout: 60_000 },
    async () => {
      const { pipe, doomed, requestId } = await postRequestUnderWay({ title: 'x' });
      const hold = pipe.imgpile.hold({ method: 'POST', path: POSTS });
      await killDuring(pipe, doomed, hold);
      const result = await pipe.waitForResult(requestId, 45_000);

      expect(result.files.map((f) => f.status)).toEqual(['uploaded', 'uploaded']);
      expect(pipe.imgpile.posts.size, `post calls: ${postCalls(pipe).join(', ')}`).toBe(1);
      const post = [...pipe.imgpile.posts.values()][0]!;
      expect(result.post).toMatchObject({ status: 'created', slug: post.slug });
      expect(post.title).toBe('x');
      expect(post.media).toHaveLength(2);
      // Somebody may manage it: the post has an owner record.
      expect(await pipe.services.store.ownership.getPostOwner(post.slug)).toMatchObject({
        userId: USER,
        guildId: GUILD,
      });
    },
  );

  it(
    'a worker killed after the post was made but before its patch leaves no public post',
    { timeout: 60_000 },
    async () => {
      const { pipe, doomed, requestId } = await postRequestUnderWay({ visibility: 'private' });
      const hold = pipe.imgpile.hold({ method: 'PATCH', path: POST_OF });
      await killDuring(pipe, doomed, hold);
      const result = await pipe.waitForResult(requestId, 45_000);

      expect(pipe.imgpile.posts.size, `post calls: ${postCalls(pipe).join(', ')}`).toBeLessThan(2);
      for (const post of pipe.imgpile.posts.values()) expect(post.visibility).toBe('private');
      if (pipe.imgpile.posts.size === 1) {
        const post = [...pipe.imgpile.posts.values()][0]!;
        expect(result.post).toMatchObject({
          status: 'created',
          slug: post.slug,
          visibility: 'private',
        });
      } else {
        // Deleted rather than left public: the user is told.
        expect(result.post).toMatchObject({ status: 'failed', reason: /deleted/ });
      }
    },
  );

  it(
    'a worker killed after a private post was created, before it was recorded or patched, leaves no public post',
    { timeout: 60_000 },
    async () => {
      const { pipe, doomed, requestId } = await postRequestUnderWay({ visibility: 'private' });
      // imgpile creates every post public; the patch that makes it private never came.
      const hold = pipe.imgpile.hold({ method: 'POST', path: POSTS });
      await killDuring(pipe, doomed, hold);
      const result = await pipe.waitForResult(requestId, 45_000);

      const posts = [...pipe.imgpile.posts.values()].map((q) => `${q.slug}:${q.visibility}`);
      const calls = postCalls(pipe).join(', ');
      expect(
        posts.filter((q) => q.endsWith(':public')),
        `calls: ${calls}`,
      ).toEqual([]);
      expect(posts.length, `posts: ${posts.join(', ')}; calls: ${calls}`).toBeLessThan(2);
      expect(result.post).toMatchObject({ status: 'created', visibility: 'private' });
    },
  );
});

describe('a worker killed mid-upload', () => {
  it(
    'a worker killed mid-upload: the file is uploaded once and the quota counted once',
    { timeout: 60_000 },
    async () => {
      const pipe = await startPipeline({ workers: false });
      p = pipe;
      const [doomed] = await pipe.startWorkerProcesses(1);
      const att = pipe.discord.addAttachment({
        filename: 'slow.png',
        content: { size: 3 * 1024 * 1024, head: MAGIC.png },
        bytesPerSecond: 1024 * 1024,
      });
      const queued = await pipe.enqueue({ attachments: [att] });
      const owner = { guildId: GUILD, userId: USER };
      const before = await pipe.services.quotas.usage(owner);
      expect(before.user?.used).toBe(1);
      // Killed once imgpile has started to receive the file, before it is stored.
      const deadline = Date.now() + 15_000;
      while (!pipe.imgpile.requests.some((r) => r.host === 'upload')) {
        if (Date.now() > deadline) throw new Error('the upload never started');
        await new Promise((r) => setTimeout(r, 20));
      }
      await doomed!.stop('SIGKILL');
      expect(pipe.created()).toHaveLength(0);
      await pipe.startWorkerProcesses(1);
      const result = await pipe.waitForResult(queued.requestId, 45_000);

      expect(result.files[0]).toMatchObject({ status: 'uploaded', reused: false });
      expect(pipe.created()).toHaveLength(1);
      const after = await pipe.services.quotas.usage(owner);
      expect(after.user?.used).toBe(1);
      expect(after.guild?.used).toBe(1);
      expect(after.account?.used).toBe(1);
    },
  );
});
