/**
 * Access that ends when it is taken away. A socket's session and role are checked at the upgrade, and again
 * while it is open: a changed role is applied (a demoted editor's next write is dropped) and the socket reconnects
 * so its page re-reads the role (an editor's tools follow it), a membership that
 * ended closes the socket with membershipEnded, a session signed out, revoked or expired closes it with
 * sessionEnded. The routers that change a membership call `member` at once; `all` runs every few seconds over
 * every open socket in two queries, and catches what no router sees (sign-out, expiry, another process).
 */
import { and, inArray } from "drizzle-orm";
import type { Db } from "../../db";
import { pieceMembers, sessions } from "../../db/schema";
import type { Log } from "../log";
import { CloseCode } from "../../lib/collab-protocol";
import type { Connection } from "./connection";

export interface AccessCheck {
  /** Re-reads every open socket's session and role and applies them. */
  all(): Promise<void>;
  /** Re-reads one person's role in one piece and applies it to their open sockets there. */
  member(pieceId: string, userId: string): Promise<void>;
}

const CHECK_LIMIT_MS = 5_000;

export function createAccessCheck(db: Db, log: Log, open: () => Iterable<Connection>): AccessCheck {
  // One check at a time, in call order: a check whose query ran before a role change committed must not
  // apply its stale answer after the check that a router asked for once the change had committed.
  let chain = Promise.resolve();
  // A check that does not answer (a stalled database connection) must not hold every later one behind it forever.
  const bounded = (fn: () => Promise<void>) => () => {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${CHECK_LIMIT_MS} ms`)), CHECK_LIMIT_MS);
    });
    return Promise.race([fn(), limit]).finally(() => clearTimeout(timer));
  };
  const serial = (what: string, fn: () => Promise<void>): Promise<void> =>
    (chain = chain.then(bounded(fn)).catch((err) => log.error(`collab access check failed (${what})`, { error: String(err) })));

  return {
    all: () =>
      serial("all", async () => {
        const conns = [...open()];
        if (conns.length === 0) return;
        const [alive, roles] = await Promise.all([liveSessions(db, conns), rolesOf(db, conns)]);
        for (const conn of conns) {
          if (conn.sessionId !== null && !alive.has(conn.sessionId)) {
            conn.close(CloseCode.sessionEnded, "signed out or session expired");
            continue;
          }
          apply(conn, roles.get(memberKey(conn.pieceId, conn.user.id)) ?? null);
        }
      }),
    member: (pieceId, userId) =>
      serial("member", async () => {
        const conns = [...open()].filter((c) => c.pieceId === pieceId && c.user.id === userId);
        if (conns.length === 0) return;
        const roles = await rolesOf(db, conns);
        for (const conn of conns) apply(conn, roles.get(memberKey(pieceId, userId)) ?? null);
      }),
  };
}

function apply(conn: Connection, role: Connection["role"] | null): void {
  if (role === null) return conn.close(CloseCode.membershipEnded, "you are no longer a member of this piece");
  if (role === conn.role) return;
  const couldWrite = conn.canWrite;
  conn.setRole(role); // a demoted socket's writes are dropped from its next message on, until it closes
  // Writes it sent while it could not were dropped, so its next update would build on what the server never took
  // (and be refused as a gap): a fresh sync instead.
  if (!couldWrite && conn.canWrite) return conn.close(CloseCode.roleRaised, "your role changed; reconnecting");
  // The socket is the page's only news of it: reconnecting tells the page to re-read the role (its edit tools go).
  conn.close(CloseCode.roleChanged, "your role changed; reconnecting");
}

const memberKey = (pieceId: string, userId: string) => `${pieceId}\n${userId}`;

/** The ids of the sockets' sessions that still exist and have not expired. */
async function liveSessions(db: Db, conns: Connection[]): Promise<Set<string>> {
  const ids = [...new Set(conns.flatMap((c) => (c.sessionId === null ? [] : [c.sessionId])))];
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: sessions.id, expiresAt: sessions.expiresAt }).from(sessions).where(inArray(sessions.id, ids));
  const now = Date.now();
  return new Set(rows.filter((r) => r.expiresAt.getTime() > now).map((r) => r.id));
}

/** The sockets' people's roles in the sockets' pieces, by memberKey. */
async function rolesOf(db: Db, conns: Connection[]): Promise<Map<string, Connection["role"]>> {
  const pieceIds = [...new Set(conns.map((c) => c.pieceId))];
  const userIds = [...new Set(conns.map((c) => c.user.id))];
  const rows = await db
    .select({ pieceId: pieceMembers.pieceId, userId: pieceMembers.userId, role: pieceMembers.role })
    .from(pieceMembers)
    .where(and(inArray(pieceMembers.pieceId, pieceIds), inArray(pieceMembers.userId, userIds)));
  return new Map(rows.map((r) => [memberKey(r.pieceId, r.userId), r.role]));
}
