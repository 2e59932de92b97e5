import { imgpile } from './imgpile/index.js';
import { rehostMessage } from './rehost-message.js';
import type { Command } from './types.js';

/** Every command the bot registers and handles. */
export const commands: Command[] = [imgpile, rehostMessage];

export type { Command };
