import type { Command } from '../src/discord/core/context.js';
import { imgpile } from './imgpile/index.js';
import { rehostMessage } from './rehost-message.js';

/** Every command the bot registers and handles. */
export const commands: Command[] = [imgpile, rehostMessage];
