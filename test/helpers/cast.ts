/**
 * The tests' cast, defined once: the people with their Discord ids and imgpile accounts, the
 * servers, their channels and roles. The local Discord's default world is the bare test server;
 * the pipeline harness starts it with its Moderators role.
 */
// The local Discord takes its defaults from here: import its leaf modules, not its public face.
import type { FakeChannel, FakeGuild, FakeUser } from '../fakes/discord/world/model.js';
import { PERMISSIONS } from '../fakes/discord/world/permissions.js';

// ---- Servers, channels, roles ----------------------------------------------------------------

/** The test server: the bot is a member. */
export const GUILD = '1000000000000000001';
/** A second server, for tests that need two. */
export const OTHER_GUILD = '1000000000000000002';
export const GENERAL = '1100000000000000001';
/** #general, by the name the queue tests give the channel a request comes from. */
export const CHANNEL = GENERAL;
export const GALLERY = '1100000000000000002';
/** The test server's age-restricted channel. */
export const AFTER_DARK = '1100000000000000003';
/** Manage Server and Manage Messages server-wide; `moderator` holds it. */
export const MODERATOR_ROLE = '1500000000000000001';

// ---- People ----------------------------------------------------------------------------------

/** The bot's user, whose id is the application's (the local Discord's default). */
export const BOT = '1300000000000000001';
export const alice: FakeUser = { id: '1200000000000000001', username: 'alice' };
export const bob: FakeUser = { id: '1200000000000000002', username: 'bob' };
/** A member who tries what she should not. */
export const mallory: FakeUser = { id: '1200000000000000003', username: 'mallory' };
export const carol: FakeUser = { id: '1200000000000000004', username: 'carol' };
/** Holds the test server's Moderators role. */
export const moderator: FakeUser = { id: '1200000000000000009', username: 'mod' };
/** The people who post the chat of benches (the local Discord's `postMessages`). */
export const chatter: FakeUser = { id: '1200000000000000050', username: 'chatter' };
/** Owns every server of the local Discord unless a test names an owner. */
export const SERVER_OWNER = '1200000000000000099';

/** The people by id, as the queue and store tests name them. */
export const USER = alice.id;
export const OTHER_USER = bob.id;
export const MODERATOR = moderator.id;

// ---- imgpile accounts: each token acts as its username ---------------------------------------

export const imgpileAccounts = {
  /** The bot's own account (IMGPILE_TOKEN). */
  bot: { username: 'imgpile-bot', token: 'imgpile-test-token-abcdef' },
  /** alice's own account, which she links. */
  alice: { username: 'alice-ip', token: '42|alice-imgpile-token-secret' },
  mallory: { username: 'mallory-ip', token: '43|mallory-imgpile-token-secret' },
} as const;

export const IMGPILE_TOKEN = imgpileAccounts.bot.token;
export const ALICE_TOKEN = imgpileAccounts.alice.token;
export const MALLORY_TOKEN = imgpileAccounts.mallory.token;

// ---- The test server, fresh each time (the local Discord changes what it is given) ------------

export function testChannels(): FakeChannel[] {
  return [
    { id: GENERAL, name: 'general' },
    { id: GALLERY, name: 'gallery' },
    { id: AFTER_DARK, name: 'after-dark', nsfw: true },
  ];
}

/** The test server as the local Discord starts by default: three channels, no roles. */
export function bareTestServer(): FakeGuild {
  return { id: GUILD, name: 'Test Server', channels: testChannels() };
}

/** The test server of the pipeline tests: three channels (one age-restricted), a moderator role. */
export function testServer(): FakeGuild {
  return {
    ...bareTestServer(),
    roles: [
      {
        id: MODERATOR_ROLE,
        name: 'Moderators',
        permissions: PERMISSIONS.MANAGE_GUILD | PERMISSIONS.MANAGE_MESSAGES,
      },
    ],
    memberRoles: { [MODERATOR]: [MODERATOR_ROLE] },
  };
}
