import { expect, it } from "vitest";
import { compareStreamIds, parsePush } from "./stream-entries";

const bytes = (...b: number[]) => new Uint8Array(b);

it("orders stream ids by time, then by sequence, as numbers rather than as text", () => {
  const sign = (a: string, b: string) => Math.sign(compareStreamIds(a, b));
  expect(sign("1700000000000-0", "1700000000000-0")).toBe(0);
  expect(sign("1700000000000-0", "1700000000001-0")).toBe(-1);
  expect(sign("9-5", "10-0")).toBe(-1); // "9" > "10" as text
  expect(sign("10-0", "9-5")).toBe(1);
  expect(sign("5-9", "5-10")).toBe(-1);
  expect(sign("5-10", "5-9")).toBe(1);
  expect(sign("0-0", "0-1")).toBe(-1);
  expect(sign("18446744073709551615-18446744073709551615", "18446744073709551615-18446744073709551614")).toBe(1); // past 2^53
});

it("reads a push as id, previous id, sender and update, the update holding any byte", () => {
  const message = Buffer.concat([Buffer.from("5-1\u00004-0\u0000p1\u0000"), Buffer.from([0, 255, 0])]);
  expect(parsePush(message)).toEqual({ id: "5-1", prev: "4-0", from: "p1", update: bytes(0, 255, 0) });
  expect(parsePush(Buffer.from("5-1\u0000-\u0000p1\u0000"))).toEqual({ id: "5-1", prev: "-", from: "p1", update: null });
  expect(parsePush(Buffer.from("5-1\u0000-"))).toBeNull();
});
