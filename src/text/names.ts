/**
 * The names of the commands, their subcommands and options, as Discord's English shows them:
 * code (the router reads them), so they are not catalogue messages. Every translation names
 * each in its language (`<locale>/names.ts`, a `Names`); a numbered option (`file2`) takes its
 * word's name and keeps its number.
 */
export const COMMAND_NAMES = [
  'imgpile',
  'upload',
  'file',
  'title',
  'description',
  'visibility',
  'nsfw',
  'url',
  'private',
  'feed',
  'tag',
  'sort',
  'period',
  'user',
  'watch',
  'add',
  'channel',
  'mode',
  'remove',
  'list',
  'post',
  'view',
  'slug',
  'key',
  'edit',
  'delete',
  'media',
  'quota',
  'settings',
  'replies',
  'accounts',
  'account',
  'link',
  'status',
  'unlink',
  'mine',
  'source',
  'username',
  'watched',
  'deleted',
  'find',
  'show',
  'order',
  'backfill',
  'backfill-stop',
  'since',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** A name a definition may carry: a command name, or one numbered (`file2`, `url5`). */
export type DefinitionName = CommandName | `${CommandName}${number}`;

/**
 * A language's names of the commands. Discord's rules (chat input): 1-32 characters of
 * `^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]$`, lower case where a letter has one, unique among
 * siblings (test/text/localized-commands.test.ts holds them).
 */
export type Names = Record<CommandName, string> & {
  /**
   * A name that means something else in one place (`link`: the account's subcommand, and the
   * Discord link `/imgpile find` takes), by the definition's description key.
   */
  readonly by?: Readonly<Record<string, string>>;
};
