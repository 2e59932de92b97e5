/**
 * A local Discord for tests and benches: gateway, REST API and CDN on loopback, strict where
 * Discord is strict. The implementation lives in ./discord/; this module is its public face.
 */
export { startFakeDiscord, type FakeDiscord } from './discord/server.js';
export type { CreateThreadInit, ForumPostInit } from './discord/members/threads.js';
export type { PostManyInit } from './discord/members/chat.js';
export type {
  FakeDiscordOptions,
  RefusedRequest,
  RestCall,
  SentMessage,
  RestFailure,
} from './discord/state.js';
export type { FakeInteraction, InteractInit } from './discord/interactions/create.js';
export type { PostMessageInit } from './discord/messages.js';
export {
  CHANNEL_TYPE,
  type FakeChannel,
  type FakeGuild,
  type FakeUser,
  type PrivateChannel,
} from './discord/world/model.js';
export {
  PERMISSIONS,
  ALL_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  type FakeOverwrite,
  type FakeRole,
} from './discord/world/permissions.js';
export {
  generatedChunks,
  type AttachmentContent,
  type CdnAttachment,
  type FakeAttachmentInit,
} from './discord/cdn.js';
export { fakeSnowflake, guildShard } from './discord/snowflake.js';
export { manyGuilds } from './discord/world/generate.js';
export { imageLinkEmbed, gifvLinkEmbed, type UserAttachment } from './discord/world/payloads.js';
export { INTENTS, APPLICATION_FLAGS } from './discord/gateway/intents.js';
export { MESSAGE_FLAGS } from './discord/validation.js';
