/** HTTP plumbing for the REST side: JSON answers and request bodies (JSON or multipart). */
import busboy from 'busboy';
import type { IncomingMessage, ServerResponse } from 'node:http';

export function json(res: ServerResponse, status: number, body: unknown, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function noContent(res: ServerResponse) {
  res.writeHead(204).end();
}

/** A file part of a multipart body (discord.js sends `files[n]` with `payload_json`). */
export type UploadedFile = { field: string; filename: string; contentType: string; data: Buffer };

export type RequestBody = { json: unknown; files: UploadedFile[] };

/** Reads a JSON body, or a multipart one whose `payload_json` holds the JSON. */
export async function readBody(req: IncomingMessage): Promise<RequestBody> {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) return readMultipart(req);
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return { json: null, files: [] };
  try {
    return { json: JSON.parse(text) as unknown, files: [] };
  } catch {
    return { json: text, files: [] };
  }
}

function readMultipart(req: IncomingMessage): Promise<RequestBody> {
  return new Promise((resolve, reject) => {
    const files: UploadedFile[] = [];
    let payload: unknown = null;
    const bb = busboy({ headers: req.headers });
    bb.on('field', (name, value) => {
      if (name === 'payload_json') {
        try {
          payload = JSON.parse(value) as unknown;
        } catch {
          payload = value;
        }
      }
    });
    bb.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () =>
        files.push({
          field,
          filename: info.filename ?? field,
          contentType: info.mimeType,
          data: Buffer.concat(chunks),
        }),
      );
    });
    bb.on('close', () => resolve({ json: payload, files }));
    bb.on('error', reject);
    req.pipe(bb);
  });
}

/** Discord's error bodies for the refusals the fake gives. */
export const ERRORS = {
  unauthorized: { message: '401: Unauthorized', code: 0 },
  notFound: { message: '404: Not Found', code: 0 },
  methodNotAllowed: { message: '405: Method Not Allowed', code: 0 },
  unknownChannel: { message: 'Unknown Channel', code: 10003 },
  unknownMessage: { message: 'Unknown Message', code: 10008 },
  unknownWebhook: { message: 'Unknown Webhook', code: 10015 },
  unknownInteraction: { message: 'Unknown interaction', code: 10062 },
  missingAccess: { message: 'Missing Access', code: 50001 },
  cannotEditOthers: { message: 'Cannot edit a message authored by another user', code: 50005 },
  nonTextChannel: { message: 'Cannot send messages in a non-text channel', code: 50008 },
  missingPermissions: { message: 'Missing Permissions', code: 50013 },
  invalidWebhookToken: { message: 'Invalid Webhook Token', code: 50027 },
  alreadyAcknowledged: { message: 'Interaction has already been acknowledged.', code: 40060 },
  tooManyFollowUps: {
    message: 'This interaction has hit the maximum number of follow up messages',
    code: 40094,
  },
  archivedThread: { message: 'Thread is archived', code: 50083 },
  replyWithoutHistory: {
    message: 'Cannot reply without permission to read message history',
    code: 160002,
  },
  threadLocked: { message: 'Thread is locked', code: 160005 },
  executeOnDm: { message: 'Cannot execute action on a DM channel', code: 50003 },
  cannotMessageUser: { message: 'Cannot send messages to this user', code: 50007 },
  reactionBlocked: { message: 'Reaction was blocked', code: 90001 },
};
