import { describe, expect, it } from "vitest";
import { CloseCode } from "@/lib/collab-protocol";
import { connectionText, finalMessage, finalStatus } from "./final-status";
import type { SyncState } from "./unsynced-edits";

describe("finalStatus", () => {
  it("tells a removal from a signed-out or expired session, and anything else from both", () => {
    expect(finalStatus(CloseCode.membershipEnded)).toBe("removed");
    expect(finalStatus(CloseCode.sessionEnded)).toBe("signed out");
    expect(finalStatus(CloseCode.unauthenticated)).toBe("signed out");
    expect(finalStatus(CloseCode.internalError)).toBe("disconnected");
  });

  it("says in plain words when the person has too many tabs open, or the server refused an edit", () => {
    expect(finalStatus(CloseCode.tooManySockets)).toBe("too many tabs");
    expect(finalStatus(CloseCode.updateRefused)).toBe("edit refused");
    expect(finalStatus(CloseCode.updateTooLarge)).toBe("edit refused");
    expect(finalMessage("too many tabs")).toMatch(/too many tabs/);
    expect(finalMessage("edit refused")).toMatch(/refused/);
    expect(finalMessage("removed")).toBe("You are no longer a member of this piece.");
    expect(finalMessage("disconnected")).toBeUndefined();
  });
});

describe("finalMessage with edits that never reached the server", () => {
  it("says how many were not saved, and why for one the server dropped", () => {
    expect(finalMessage("view only", 3)).toBe("You can only view this piece now, so the 3 changes made here were not saved. Reload the page to see the piece as it is.");
    expect(finalMessage("edit refused", 1)).toMatch(/1 change made here was not saved/);
    expect(finalMessage("signed out", 2)).toBe("You were signed out. Sign in again to keep working. 2 changes made here were not saved.");
    expect(finalMessage("removed", 0)).toBe("You are no longer a member of this piece.");
    expect(finalMessage("disconnected", 4)).toBeUndefined();
  });
});

describe("connectionText", () => {
  const sync = (s: Partial<SyncState>): SyncState => ({ loaded: true, unsynced: 0, catchingUp: false, refused: 0, ...s });

  it("says how many edits will sync while the socket is down, and keeps the plain words otherwise", () => {
    expect(connectionText("disconnected", sync({ unsynced: 3 }))).toBe("offline: 3 changes will sync");
    expect(connectionText("connecting", sync({ unsynced: 1 }))).toBe("offline: 1 change will sync");
    expect(connectionText("connecting", sync({}))).toBe("offline, reconnecting");
    expect(connectionText("connected", sync({}))).toBe("connected");
    expect(connectionText("connected", sync({ unsynced: 1 }))).toBe("connected"); // an edit on its way while online
  });

  it("says the offline edits are syncing until the server has them", () => {
    expect(connectionText("syncing", sync({ unsynced: 2 }))).toBe("syncing 2 changes");
    expect(connectionText("connected", sync({ unsynced: 2, catchingUp: true }))).toBe("syncing 2 changes");
    expect(connectionText("syncing", sync({}))).toBe("syncing");
  });

  it("says only the status before the piece has loaded, and for a final one", () => {
    expect(connectionText("connecting", sync({ loaded: false }))).toBe("connecting");
    expect(connectionText("view only", sync({ refused: 2 }))).toBe("view only");
    expect(connectionText("signed out", sync({ unsynced: 2 }))).toBe("signed out");
  });
});
