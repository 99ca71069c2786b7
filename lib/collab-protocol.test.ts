import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { CloseCode, EMPTY_DOC_SYNC_STEP_1, MessageType, SyncStep } from "./collab-protocol";

describe("collab protocol", () => {
  it("numbers the sync steps as y-protocols does, and writes a new doc's first request as y-websocket does", () => {
    expect(SyncStep).toEqual({ step1: syncProtocol.messageYjsSyncStep1, step2: syncProtocol.messageYjsSyncStep2, update: syncProtocol.messageYjsUpdate });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc());
    expect(EMPTY_DOC_SYNC_STEP_1).toEqual(encoding.toUint8Array(encoder));
  });

  it("keeps every close code's name and number (clients and tests in the field read them)", () => {
    const codes = Object.entries(CloseCode).map(([name, code]) => `${name} ${code}`);
    expect(codes.join(", ")).toBe(
      "goingAway 1001, badMessage 1007, tooLarge 1009, internalError 1011, unauthenticated 4401, forbidden 4403, roleRaised 4100, roleChanged 4101, " +
        "membershipEnded 4403, sessionEnded 4440, updateRefused 4409, updateTooLarge 4413, tooManySockets 4429",
    );
  });
});
