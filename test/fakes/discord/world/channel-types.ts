/** Channel types ("Channel" > "Channel Types") and the kinds they fall into. */

export const CHANNEL_TYPE = {
  GUILD_TEXT: 0,
  DM: 1,
  GUILD_VOICE: 2,
  GROUP_DM: 3,
  GUILD_CATEGORY: 4,
  GUILD_ANNOUNCEMENT: 5,
  ANNOUNCEMENT_THREAD: 10,
  PUBLIC_THREAD: 11,
  PRIVATE_THREAD: 12,
  GUILD_STAGE_VOICE: 13,
  GUILD_FORUM: 15,
  GUILD_MEDIA: 16,
} as const;

export const isThreadType = (type: number | undefined) =>
  type === CHANNEL_TYPE.ANNOUNCEMENT_THREAD ||
  type === CHANNEL_TYPE.PUBLIC_THREAD ||
  type === CHANNEL_TYPE.PRIVATE_THREAD;

export const isForumType = (type: number | undefined) =>
  type === CHANNEL_TYPE.GUILD_FORUM || type === CHANNEL_TYPE.GUILD_MEDIA;

/** Channels that hold messages of their own (threads included). */
export const isTextType = (type: number | undefined) =>
  (type ?? 0) === CHANNEL_TYPE.GUILD_TEXT ||
  type === CHANNEL_TYPE.GUILD_ANNOUNCEMENT ||
  type === CHANNEL_TYPE.GUILD_VOICE ||
  type === CHANNEL_TYPE.GUILD_STAGE_VOICE ||
  isThreadType(type);
