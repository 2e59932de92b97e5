import type { RefusedFile, RehostResult, UploadedFile, UploadOutcome } from '../../request.js';
import { codeName, reasonText } from './text.js';

/** Discord's limit on message content. */
export const MAX_CONTENT = 2000;

/** Replies never ping anyone (REST shape; discord.js takes `{ parse: [] }`). */
export const NO_MENTIONS = { parse: [] as never[], replied_user: false };

/** The reactions on a watched message: working, then the outcome. */
export const REACTION = { working: '⏳', done: '✅', partial: '⚠️', failed: '❌' } as const;

/** Said once in the server's system channel when a watch is paused (intake/watch-pause.ts). */
export function watchPausedNotice(channelId: string, reason: string): string {
  return `I paused watching <#${channelId}>: ${reason}. Give the bot what it needs there (channel settings → Permissions), then run \`/imgpile watch add\` for <#${channelId}> to resume.`;
}

/** A filename inside inline code (backticks, line breaks and bidi marks cannot break out). */
const fileName = (name: string) => codeName(name, 80);

function fitLines(lines: string[]): string {
  const out: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    if (length + line.length + 1 > MAX_CONTENT - 40) {
      out.push(`…and ${lines.length - i} more line(s)`);
      break;
    }
    out.push(line);
    length += line.length + 1;
  }
  return out.join('\n');
}

export function refusedLine(f: { filename: string; reason: string }): string {
  return `✖ ${fileName(f.filename)}: ${reasonText(f.reason)}`;
}

/** The reply for a finished request: every file's direct link, the post link, and failures. */
export function formatResult(
  result: RehostResult,
  options: { keySent: boolean } = { keySent: true },
): string {
  const uploaded = result.files.filter((f): f is UploadedFile => f.status === 'uploaded');
  const failed = result.files.filter(
    (f): f is Extract<UploadOutcome, { status: 'failed' }> => f.status === 'failed',
  );
  const lines: string[] = [];
  if (uploaded.length === 0) {
    lines.push(
      result.files.length === 1
        ? 'The file could not be rehosted.'
        : 'None of the files could be rehosted.',
    );
  } else if (failed.length === 0) {
    lines.push(
      uploaded.length === 1
        ? 'Rehosted on imgpile:'
        : `Rehosted ${uploaded.length} files on imgpile:`,
    );
  } else {
    lines.push(`Rehosted ${uploaded.length} of ${result.files.length} files on imgpile:`);
  }
  if (result.post?.status === 'created') {
    const note =
      result.post.visibility !== 'private'
        ? ''
        : options.keySent
          ? ' (private: the link with its key was sent to you)'
          : ' (private: its uploader sees the key with `/imgpile post view`)';
    lines.push(`**Post:** ${result.post.url}${note}`);
  } else if (result.post?.status === 'failed') {
    lines.push(`No post was made: ${reasonText(result.post.reason)}.`);
  }
  for (const f of uploaded) lines.push(`${fileName(f.filename)} ${f.media.url}`);
  for (const f of failed) lines.push(refusedLine(f));
  return fitLines(lines);
}

/** The reply while files are queued: what was accepted and what was refused up front. */
export function formatQueued(accepted: number, refused: RefusedFile[]): string {
  const lines = [accepted === 1 ? '⏳ Rehosting 1 file…' : `⏳ Rehosting ${accepted} files…`];
  for (const f of refused) lines.push(refusedLine(f));
  return fitLines(lines);
}

export function formatRefusedOnly(refused: RefusedFile[]): string {
  return fitLines(['Nothing was rehosted:', ...refused.map(refusedLine)]);
}

export function formatProgress(
  filename: string,
  index: number,
  total: number,
  percent: number,
): string {
  const which = total > 1 ? ` (file ${index + 1} of ${total})` : '';
  return `⏳ Rehosting ${fileName(filename)}${which}: ${percent}%`;
}
