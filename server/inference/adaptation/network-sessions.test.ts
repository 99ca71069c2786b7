/**
 * The cache of patched sessions, on a tiny hand-made .onnx and stand-in sessions: one open per patch, the least
 * recently used pushed out beyond the limit and closed only once nothing runs on it, and bad patches refused.
 */
import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { NetworkPatchError } from "../errors";
import type { ModelRunner } from "../ort-session";
import { writeNetworkPatch } from "./network-patch";
import { createNetworkSessions } from "./network-sessions";
import { ONNX_FLOAT } from "./onnx-initializers";
import { asNetwork, tinyOnnx } from "./test-network";

const onnx = tinyOnnx([{ name: "w", dims: [4], dataType: ONNX_FLOAT, raw: new Uint8Array(16) }]);
const base = createHash("sha256").update(onnx).digest("hex");
const patch = (v: number) => asNetwork(writeNetworkPatch(base, [{ name: "w", dims: [4], values: new Float32Array(4).fill(v) }]));

interface Stand {
  runner: ModelRunner;
  /** The patched value its bytes hold. */
  value: number;
  closed: boolean;
}

function setup() {
  const opened: Stand[] = [];
  let reads = 0;
  const sessions = createNetworkSessions({
    base,
    readBase: async () => (reads++, onnx),
    open: async (bytes) => {
      const stand: Stand = { value: new DataView(bytes.buffer, bytes.length - 16).getFloat32(0, true), closed: false, runner: null! };
      stand.runner = {
        provider: "cpu",
        inputs: [],
        outputs: [],
        step: () => Promise.reject(new Error("not used")),
        close: async () => void (stand.closed = true),
      };
      opened.push(stand);
      return stand.runner;
    },
    log: { info: () => {}, warn: () => {} },
    kept: 2,
  });
  const valueOf = (r: ModelRunner) => opened.find((s) => s.runner === r)!.value;
  return { sessions, opened, reads: () => reads, valueOf };
}

it("opens each patch once, on the base read once, and runs on the patched bytes", async () => {
  const { sessions, opened, reads, valueOf } = setup();
  const [a, b] = [patch(1), patch(2)];
  expect(await Promise.all([sessions.run(a, async (r) => valueOf(r)), sessions.run(a, async (r) => valueOf(r))])).toEqual([1, 1]);
  expect(await sessions.run(b, async (r) => valueOf(r))).toBe(2);
  expect(await sessions.run(a, async (r) => valueOf(r))).toBe(1);
  expect(opened).toHaveLength(2);
  expect(reads()).toBe(1);
  expect(sessions.kept()).toEqual([b.fingerprint, a.fingerprint]);
  await sessions.close();
  expect(opened.every((s) => s.closed)).toBe(true);
});

it("pushes out the least recently used beyond the limit, closing it only once its generation ends", async () => {
  const { sessions, opened } = setup();
  const [a, b, c] = [patch(1), patch(2), patch(3)];
  let finish = () => {};
  const long = sessions.run(a, () => new Promise<void>((r) => (finish = r))); // a generation still running on a
  await new Promise((r) => setTimeout(r, 0));
  await sessions.run(b, async () => {});
  await sessions.run(c, async () => {});
  expect(sessions.kept()).toEqual([b.fingerprint, c.fingerprint]);
  expect(opened[0].closed).toBe(false); // mid-generation
  finish();
  await long;
  await new Promise((r) => setTimeout(r, 0));
  expect(opened.map((s) => s.closed)).toEqual([true, false, false]);
  await sessions.run(a, async () => {}); // back: opened anew, b pushed out (nothing runs on it: closed at once)
  await new Promise((r) => setTimeout(r, 0));
  expect(opened.map((s) => s.closed)).toEqual([true, true, false, false]);
  await sessions.close();
});

it("refuses a patch whose fingerprint is not its sha256, or learned on another model, and keeps the sessions that work", async () => {
  const { sessions, opened } = setup();
  const [a, b] = [patch(1), patch(2)];
  await sessions.run(a, async () => {});
  await sessions.run(b, async () => {});
  const forged = { fingerprint: a.fingerprint.replace(/^./, (c) => (c === "0" ? "1" : "0")), patch: patch(3).patch };
  await expect(sessions.run(forged, async () => {})).rejects.toThrow(/fingerprint .* is not the sha256 of its bytes/);
  const other = asNetwork(writeNetworkPatch("b".repeat(64), [{ name: "w", dims: [4], values: new Float32Array(4) }]));
  const refused = sessions.run(other, async () => {});
  await expect(refused).rejects.toBeInstanceOf(NetworkPatchError);
  await expect(refused).rejects.toThrow(/learn the style again/);
  expect(sessions.kept()).toEqual([a.fingerprint, b.fingerprint]);
  expect(opened.some((s) => s.closed)).toBe(false);
  await sessions.close();
  await expect(sessions.run(a, async () => {})).rejects.toThrow(/closed/);
});
