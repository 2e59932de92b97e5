import type { Format } from '../format.js';
import { KIND_WORD as THE, type Kind } from './words.js';

const WHOSE = { own: 'on your imgpile account', bot: "with the bot's imgpile account" } as const;
type Source = keyof typeof WHOSE;

/** Browsing imgpile: posts, the feed, profiles, votes, comments, follows, `/imgpile mine`. */
export const browse = {
  'nav.previous': 'Previous',
  'nav.next': 'Next',

  'post.untitled': 'Untitled',
  'post.by': (p: { name: string }) => `by ${p.name}`,
  'post.score': (p: { score: number }, f: Format) => `score ${f.num(p.score)}`,
  'post.views': (p: { count: number }, f: Format) =>
    f.count(p.count, { one: '# view', other: '# views' }),
  'post.files': (p: { count: number }, f: Format) =>
    f.count(p.count, { one: '# file', other: '# files' }),
  'post.hiddenFiles': (p: { count: number }, f: Format) =>
    `-# ${f.count(p.count, { one: '# file is', other: '# files are' })} not shown here.`,
  'post.previewHidden': '-# Preview not shown here.',
  'post.moreLinks': (p: { count: number }, f: Format) =>
    f.count(p.count, { one: '…and # more link', other: '…and # more links' }),
  'post.open': 'Open on imgpile',
  'post.filesPage': (p: { page: number; lastPage: number }, f: Format) =>
    `-# Files, page ${f.num(p.page)} of ${f.num(p.lastPage)}`,
  'post.viewExpired': 'This view has expired. Run `/imgpile post view` again.',
  'post.viewNotYours':
    'Only the person who opened this view can page it. Run `/imgpile post view` for your own.',

  'feed.empty': 'No posts match.',
  'feed.page': (p: { page: number; lastPage: number }, f: Format) =>
    `Page ${f.num(p.page)} of ${f.num(p.lastPage)}`,
  'feed.adultHere':
    'Adult content can only be shown in age-restricted channels. Run the feed without `nsfw` here.',
  'feed.expired': 'This feed has expired. Run `/imgpile feed` again.',
  'feed.notYours':
    'Only the person who opened this feed can page it. Run `/imgpile feed` for your own.',

  'profile.noUser': (p: { username: string }) => `imgpile has no user named ${p.username}.`,
  'profile.posts': 'Posts',
  'profile.followers': 'Followers',
  'profile.following': 'Following',
  'profile.noPosts': 'No public posts.',
  'profile.media': 'Media',
  'profile.emptyList': 'Nothing here.',
  'profile.mediaLine': (p: { n: number; title: string; url: string }, f: Format) =>
    `${f.num(p.n)}. **${p.title}** · ${p.url}`,
  'profile.userLine': (p: { n: number; name: string }, f: Format) => `${f.num(p.n)}. ${p.name}`,
  'profile.line': (p: { n: number; title: string; score: number; url: string }, f: Format) =>
    `${f.num(p.n)}. **${p.title}** · score ${f.num(p.score)} · ${p.url}`,
  'profile.footer': (p: { page: number; lastPage: number }, f: Format) =>
    `Recent posts, page ${f.num(p.page)} of ${f.num(p.lastPage)}`,

  'social.panel': (
    p: { title: string; by: string | null; score: number; vote: 'up' | 'down' | null; url: string },
    f: Format,
  ) => {
    const mine =
      p.vote === 'up' ? ' You upvoted it.' : p.vote === 'down' ? ' You downvoted it.' : '';
    return `**${p.title}**${p.by === null ? '' : ` by ${p.by}`} · score ${f.num(p.score)}.${mine}\n${p.url}`;
  },
  'social.voteBusy': 'Your vote on this post is already being counted.',
  'social.voteUnknown':
    'imgpile did not say whether you have voted on this post, so no vote was sent. Try again later.',
  'social.alreadyVoted': (p: { up: boolean; score: number }, f: Format) =>
    `You have already ${p.up ? 'upvoted' : 'downvoted'} this post; its score is ${f.num(p.score)}.`,
  'social.voted': (p: { up: boolean; score: number | null }, f: Format) =>
    `${p.up ? 'Upvoted' : 'Downvoted'}: the post's score is now ${p.score === null ? '?' : f.num(p.score)}.`,
  'social.notVoted': (p: { up: boolean; score: number }, f: Format) =>
    `You have no ${p.up ? 'upvote' : 'downvote'} on this post to take back; its score is ${f.num(p.score)}.`,
  'social.tookBack': (p: { up: boolean; score: number | null }, f: Format) =>
    `Your ${p.up ? 'upvote' : 'downvote'} is taken back: the post's score is now ${p.score === null ? '?' : f.num(p.score)}.`,
  'social.follows': (p: { name: string }) => `You follow ${p.name} on imgpile.`,
  'social.unfollowed': (p: { name: string }) => `You no longer follow ${p.name} on imgpile.`,
  'social.form.title': 'Comment on imgpile',
  'social.form.label': 'Your comment',
  'social.emptyComment': 'An empty comment was not posted.',
  'social.commented': (p: { url: string }) => `Your comment is posted: ${p.url}`,
  'social.upvote': '▲ Upvote',
  'social.downvote': '▼ Downvote',
  'social.takeBackUp': '▲ Take back upvote',
  'social.takeBackDown': '▼ Take back downvote',
  'social.comment': '💬 Comment',
  'social.open': 'Vote, comment',
  'social.follow': (p: { username: string }) => `Follow ${p.username}`,
  'social.unfollow': (p: { username: string }) => `Unfollow ${p.username}`,

  'comments.button': '💬 Comments',
  'comments.none': 'No comments written through this bot on this post yet.',
  'comments.head': (p: { page: number; lastPage: number }, f: Format) =>
    `Comments written through this bot, newest first (page ${f.num(p.page)} of ${f.num(p.lastPage)}):`,
  'comments.line': (p: { n: number; author: string; content: string }, f: Format) =>
    `${f.num(p.n)}. ${p.author}: ${p.content}`,
  'comments.upvote': (p: { n: number }, f: Format) => `▲ ${f.num(p.n)}`,
  'comments.downvote': (p: { n: number }, f: Format) => `▼ ${f.num(p.n)}`,
  'comments.delete': (p: { n: number }, f: Format) => `Delete my comment ${f.num(p.n)}`,
  'comments.noPost': 'That post cannot be read publicly, so its comments are not shown here.',
  'comments.unknown': 'That comment is no longer known to the bot.',
  'comments.notYours': 'Only the member who wrote that comment can delete it.',
  'comments.notYoursOnImgpile': 'imgpile says that comment is not your linked account’s.',
  'comments.deleted': 'Your comment is deleted.',
  'comments.voted': (p: { up: boolean; score: number | null }, f: Format) =>
    `${p.up ? 'Upvoted' : 'Downvoted'} the comment${p.score === null ? '' : `: its score is now ${f.num(p.score)}`}. Press again to take it back.`,
  'comments.tookBack': (p: { up: boolean; score: number | null }, f: Format) =>
    `Your ${p.up ? 'upvote' : 'downvote'} on the comment is taken back${p.score === null ? '' : `: its score is now ${f.num(p.score)}`}.`,

  'mine.empty': (p: { source: Source; later: boolean }) =>
    `Nothing rehosted ${WHOSE[p.source]} yet${p.later ? ' on this page' : ''}.`,
  'mine.head': (p: { source: Source; page: number; lastPage: number }, f: Format) =>
    `What you rehosted ${WHOSE[p.source]}, newest first (page ${f.num(p.page)} of ${f.num(p.lastPage)}):`,
  'mine.line': (
    p: { n: number; kind: Kind; title: string | null; url: string; at: number | null },
    f: Format,
  ) =>
    `${f.num(p.n)}. ${p.kind === 'post' ? 'Post' : 'File'}${p.title === null ? '' : ` **${p.title}**`} ${p.url}${p.at === null ? '' : ` · ${f.relative(p.at)}`}`,
  'mine.deleteN': (p: { n: number }, f: Format) => `Delete ${f.num(p.n)}`,
  'mine.ask': (p: { kind: Kind; slug: string }) =>
    `Delete the ${THE[p.kind]} \`${p.slug}\` from imgpile? This cannot be undone.`,
  'mine.deleteThe': (p: { kind: Kind }) => `Delete the ${THE[p.kind]}`,
  'mine.keep': 'Keep it',
  'mine.stale': 'That button is out of date. Run `/imgpile mine` again.',
};
