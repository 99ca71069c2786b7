/**
 * The collab socket's wire protocol as both ends speak it: y-websocket's message types (every frame's first varUint),
 * the sync steps inside a sync message, the socket URL's query parameter, and the codes the server closes a socket
 * with. No Yjs in here: the page's early socket (app/_collab/early-socket.ts) speaks it before the editor's code loads.
 */

export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3, syncStatus: 8 } as const;

/**
 * `syncStatus` is ours (Hocuspocus numbers its acknowledgement the same): the server's answer to each sync step 2 and
 * update a client sends, in order, for clients that ask for it (`?acks=1`); its payload is one varUint, 1 when the
 * update was applied (or held nothing new) and 0 when it was dropped because the connection may not write. A refused
 * update is answered by a close instead (updateRefused, updateTooLarge). The editor counts the edits still waiting
 * for their answer (app/_collab/unsynced-edits.ts); other clients never see the message.
 */
export const SyncStatus = { dropped: 0, applied: 1 } as const;

/**
 * The most structs (one per map entry written) the server takes in one document message (server/collab/update-check.ts);
 * the editor cuts a larger catch-up into parts of this size (app/_collab/split-update.ts).
 */
export const MAX_STRUCTS_PER_MESSAGE = 2_000;

/** The query parameter (`?acks=1`) with which a client asks for a syncStatus answer to each of its document messages. */
export const Acks = { param: "acks", value: "1" } as const;

/** A sync message's second varUint (y-protocols/sync's messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate). */
export const SyncStep = { step1: 0, step2: 1, update: 2 } as const;

/** What y-websocket sends first from a new doc: a sync step 1 carrying the empty doc's state vector (a one-byte array: no clients). */
export const EMPTY_DOC_SYNC_STEP_1 = Uint8Array.of(MessageType.sync, SyncStep.step1, 1, 0);

/**
 * The query parameter (`?provenance=later`) with which the browser editor asks for the notes in the first sync reply and
 * their provenance in the reply to its next sync step 1 (server/collab/sync-reply.ts, app/_collab/provenance-later.ts).
 */
export const ProvenanceLater = { param: "provenance", value: "later" } as const;

/**
 * WebSocket close codes the collab server uses. 1xxx are the standard ones (RFC 6455); 4xxx are
 * ours, mirroring the HTTP status a plain request would get, so the client can tell "sign in" from
 * "no access" (browsers hide the HTTP status of a refused upgrade). y-websocket 3 treats 4400-4499
 * as permanent: the provider stops reconnecting and emits `closed` with the code.
 */
export const CloseCode = {
  /** The server is shutting down (or the room is being closed); reconnect later. */
  goingAway: 1001,
  /** A message that is not a valid y-websocket message (decode error, text frame, unknown type). */
  badMessage: 1007,
  /** A message larger than the server accepts (sent by `ws` itself when maxPayload is exceeded). */
  tooLarge: 1009,
  /** The room could not be loaded or an unexpected server error; reconnect later. */
  internalError: 1011,
  /** No valid session cookie on the upgrade request. */
  unauthenticated: 4401,
  /** Signed in, but not a member of this piece (or the piece does not exist). */
  forbidden: 4403,
  /**
   * An open socket whose person may now write (promoted from viewer or reviewer): reconnect, so the client's next
   * sync brings the server what it holds. Outside 4400-4499, so y-websocket reconnects at once.
   */
  roleRaised: 4100,
  /**
   * An open socket whose person's role changed otherwise (an editor made a reviewer or viewer, or one of those made
   * the other): reconnect, so the client hears of it and re-reads its role; the new socket watches as the role allows.
   */
  roleChanged: 4101,
  /** An open socket whose person was removed from the piece (the answer a new socket would get too). */
  membershipEnded: 4403,
  /** An open socket whose session was signed out, revoked or expired: sign in again (4440: HTTP 440, login time-out). */
  sessionEnded: 4440,
  /**
   * A document update refused whole, nothing of it applied (server/collab/update-check.ts): written under another
   * connection's client id, depending on changes the server does not have, or writing what a client may not.
   */
  updateRefused: 4409,
  /** A document update over the per-message or per-piece bounds, refused whole. */
  updateTooLarge: 4413,
  /** The person already holds the most open sockets one person may (32 by default): close one, e.g. another tab. */
  tooManySockets: 4429,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
