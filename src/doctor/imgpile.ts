import { connect } from 'node:net';
import type { Config } from '../config.js';
import { createImgpileClient } from '../imgpile/index.js';
import { checkImgpileToken } from '../ops/imgpile-token.js';
import { fail, ok, reasonOf, type CheckResult } from './check.js';

/** imgpile accepts IMGPILE_TOKEN: one read that needs it and changes nothing. */
export async function checkImgpile(config: Config): Promise<CheckResult> {
  const imgpile = createImgpileClient({
    ...config.imgpile,
    timeouts: { connectMs: 5_000, headersMs: 5_000, bodyMs: 5_000 },
  });
  try {
    const result = await checkImgpileToken(imgpile, null);
    if (result === 'accepted') return ok('imgpile token', 'imgpile accepts IMGPILE_TOKEN');
    if (result === 'refused')
      return fail(
        'imgpile token',
        'imgpile refused IMGPILE_TOKEN (401): make a new API token on imgpile and set IMGPILE_TOKEN',
      );
    return fail(
      'imgpile token',
      `imgpile did not answer at IMGPILE_API_URL (${config.imgpile.apiUrl}): check the network and IMGPILE_API_URL`,
    );
  } finally {
    await imgpile.close();
  }
}

/** A TCP connection to `host[:port]` (443 by default) within 5 s; null, or why not. */
function reach(hostPort: string): Promise<string | null> {
  const [host = hostPort, port = '443'] = hostPort.split(':');
  return new Promise((done) => {
    const socket = connect({ host, port: Number(port), timeout: 5_000 });
    const finish = (why: string | null) => {
      socket.destroy();
      done(why);
    };
    socket.once('connect', () => finish(null));
    socket.once('timeout', () => finish('no answer in 5 s'));
    socket.once('error', (err) => finish(reasonOf(err)));
  });
}

/** Every host of ATTACHMENT_HOSTS can be reached (attachments are downloaded from them). */
export async function checkAttachmentHosts(config: Config): Promise<CheckResult> {
  const failed: string[] = [];
  for (const host of config.attachmentHosts) {
    const why = await reach(host);
    if (why) failed.push(`${host} (${why})`);
  }
  if (failed.length > 0)
    return fail(
      'attachment hosts',
      `cannot reach ${failed.join(', ')}: check the network, or ATTACHMENT_HOSTS`,
    );
  return ok('attachment hosts', `${config.attachmentHosts.join(', ')} answer`);
}
