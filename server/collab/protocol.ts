/**
 * The y-websocket wire protocol: [messageType varUint, payload...]. Decoding is separate from
 * applying, so a malformed message is recognised before it touches the document.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MessageType, SyncStatus, SyncStep } from "../../lib/collab-protocol";

export type InboundMessage =
  | { type: "sync-step-1"; stateVector: Uint8Array }
  | { type: "sync-step-2"; update: Uint8Array }
  | { type: "update"; update: Uint8Array }
  | { type: "awareness"; update: Uint8Array }
  | { type: "query-awareness" };

export class ProtocolError extends Error {
  override name = "ProtocolError";
}

/** Decodes one client message; throws ProtocolError for anything a y-websocket client would not send. */
export function decodeMessage(data: Uint8Array): InboundMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync: {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (step === SyncStep.step1) return { type: "sync-step-1", stateVector: payload };
        if (step === SyncStep.step2) return { type: "sync-step-2", update: payload };
        if (step === SyncStep.update) return { type: "update", update: payload };
        throw new ProtocolError(`unknown sync message type ${step}`);
      }
      case MessageType.awareness:
        return { type: "awareness", update: decoding.readVarUint8Array(decoder) };
      case MessageType.queryAwareness:
        return { type: "query-awareness" };
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError(`undecodable message: ${(err as Error).message}`);
  }
}

/** The awareness client ids an awareness update speaks for (its states are left undecoded). */
export function awarenessClientIds(update: Uint8Array): number[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(decoding.readVarUint(decoder));
      decoding.readVarUint(decoder); // clock
      decoding.readVarString(decoder); // state, JSON
    }
    return ids;
  } catch (err) {
    throw new ProtocolError(`undecodable awareness update: ${(err as Error).message}`);
  }
}

const encode = (write: (e: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

export const encodeSyncStep1 = (doc: Y.Doc): Uint8Array =>
  encode((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    syncProtocol.writeSyncStep1(e, doc);
  });

export const encodeSyncStep2 = (doc: Y.Doc, stateVector?: Uint8Array): Uint8Array =>
  encode((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    syncProtocol.writeSyncStep2(e, doc, stateVector);
  });

export const encodeUpdate = (update: Uint8Array): Uint8Array =>
  encode((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    syncProtocol.writeUpdate(e, update);
  });

export const encodeAwareness = (awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array =>
  encode((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  });

/** The answer to one document message of a client that asked for answers (`?acks=1`): applied, or dropped (it may not write). */
export const encodeSyncStatus = (applied: boolean): Uint8Array =>
  encode((e) => {
    encoding.writeVarUint(e, MessageType.syncStatus);
    encoding.writeVarUint(e, applied ? SyncStatus.applied : SyncStatus.dropped);
  });
