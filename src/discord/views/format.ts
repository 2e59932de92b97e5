import type { RefusedFile, RehostResult, UploadedFile, UploadOutcome } from '../../request.js';
import { english, isSay, type Say, type Text } from '../../text/index.js';
import { codeName, reasonText } from './text.js';

/** Discord's limit on message content. */
export const MAX_CONTENT = 2000;

/** Replies never ping anyone (REST shape; discord.js takes `{ parse: [] }`). */
export const NO_MENTIONS = { parse: [] as never[], replied_user: false };

/** The reactions on a watched message: working, then the outcome. */
export const REACTION = { working: '⏳', done: '✅', partial: '⚠️', failed: '❌' } as const;

/** A filename inside inline code (backticks, line breaks and bidi marks cannot break out). */
const fileName = (name: string) => codeName(name, 80);

/**
 * What a stored refusal says, made safe to show: its words in the reader's language, or the
 * English the previous version stored (`reason`), as it is.
 */
export function refusalText(f: { reason: string; say?: Say }, text: Text = english): string {
  return reasonText(isSay(f.say) ? text.say(f.say) : f.reason);
}

function fitLines(lines: string[], text: Text): string {
  const out: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    if (length + line.length + 1 > MAX_CONTENT - 40) {
      out.push(text('rehost.moreLines', { count: lines.length - i }));
      break;
    }
    out.push(line);
    length += line.length + 1;
  }
  return out.join('\n');
}

/** One refused file: its name (cut to `nameMax`), and why. */
export function refusedLine(
  f: { filename: string; reason: string; say?: Say },
  text: Text = english,
  nameMax = 80,
): string {
  const name = codeName(f.filename, nameMax);
  return text('rehost.refused', { name, reason: refusalText(f, text) });
}

/** The heading of a finished request's text reply. */
function heading(uploaded: number, total: number, failed: number, text: Text): string {
  if (uploaded === 0) return text(total === 1 ? 'result.noneOne' : 'result.none');
  if (failed === 0) return text('result.all', { count: uploaded });
  return text('result.some', { uploaded, total });
}

/** The post's line: its link (a private one's key said where it went), or why none was made. */
export function postLine(
  post:
    | { status: 'created'; url: string; visibility: string }
    | { status: 'failed'; reason: string; say?: Say },
  keySent: boolean,
  text: Text,
): string {
  if (post.status === 'failed') return text('result.noPost', { reason: refusalText(post, text) });
  const kind = post.visibility !== 'private' ? null : keySent ? 'keySent' : 'keyInView';
  return text('result.post', { url: post.url, private: kind });
}

/** The reply for a finished request: every file's direct link, the post link, and failures. */
export function formatResult(
  result: RehostResult,
  options: { keySent?: boolean; text?: Text } = {},
): string {
  const text = options.text ?? english;
  const uploaded = result.files.filter((f): f is UploadedFile => f.status === 'uploaded');
  const failed = result.files.filter(
    (f): f is Extract<UploadOutcome, { status: 'failed' }> => f.status === 'failed',
  );
  const lines = [heading(uploaded.length, result.files.length, failed.length, text)];
  if (result.post) lines.push(postLine(result.post, options.keySent ?? true, text));
  for (const f of uploaded) lines.push(`${fileName(f.filename)} ${f.media.url}`);
  for (const f of failed) lines.push(refusedLine(f, text));
  return fitLines(lines, text);
}

/** The reply while files are queued: what was accepted and what was refused up front. */
export function formatQueued(accepted: number, refused: RefusedFile[], text = english): string {
  const lines = [text('rehost.queued', { count: accepted })];
  for (const f of refused) lines.push(refusedLine(f, text));
  return fitLines(lines, text);
}

export function formatRefusedOnly(refused: RefusedFile[], text = english): string {
  return fitLines([text('rehost.nothing'), ...refused.map((f) => refusedLine(f, text))], text);
}

export function formatProgress(
  filename: string,
  index: number,
  total: number,
  percent: number,
  text = english,
): string {
  return text('rehost.progress', { name: fileName(filename), index, total, percent });
}
