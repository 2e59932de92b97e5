/**
 * Every route of the local imgpile, matched in order (see router.ts): the upload host has only
 * POST /media; everything else is on the API host.
 */
import { commentRoutes } from './comments.js';
import { mediaRoutes } from './media.js';
import { postRoutes } from './posts.js';
import type { Route } from './router.js';
import { uploadRoutes } from './upload.js';
import { userRoutes } from './users.js';
import { voteRoutes } from './votes.js';

export const routes: readonly Route[] = [
  ...uploadRoutes,
  ...mediaRoutes,
  ...postRoutes,
  ...voteRoutes,
  ...commentRoutes,
  ...userRoutes,
];
