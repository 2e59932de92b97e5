import type { Store } from '../../store/index.js';

/** An edit sent just before the token expires may arrive after it: stop this much earlier. */
const EXPIRY_MARGIN_MS = 5_000;

/** The interaction token a reply is edited with, while Discord still honours it; else null. */
export async function interactionToken(
  deps: { store: Store },
  requestId: string,
  expiresAt: number,
): Promise<string | null> {
  if (Date.now() > expiresAt - EXPIRY_MARGIN_MS) return null;
  return deps.store.requests.getReplyToken(requestId);
}
