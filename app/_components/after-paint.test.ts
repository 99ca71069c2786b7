import { afterEach, describe, expect, it, vi } from "vitest";
import { whenIdleAfterPaint } from "./after-paint";

/** Frames and idle moments run by hand. */
function fakeBrowser(idle: boolean) {
  const frames: (() => void)[] = [];
  const idles: { fn: () => void; timeout?: number }[] = [];
  vi.stubGlobal("requestAnimationFrame", (fn: () => void) => frames.push(fn));
  if (idle) {
    vi.stubGlobal("requestIdleCallback", (fn: () => void, opts?: { timeout?: number }) => idles.push({ fn, timeout: opts?.timeout }));
    vi.stubGlobal("cancelIdleCallback", (id: number) => (idles[id - 1].fn = () => {}));
  } else {
    vi.stubGlobal("requestIdleCallback", undefined);
  }
  const frame = () => frames.splice(0).forEach((f) => f());
  return { frame, idles };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("whenIdleAfterPaint", () => {
  it("runs after two frames, in an idle moment at the latest after the timeout", () => {
    const { frame, idles } = fakeBrowser(true);
    const fn = vi.fn();
    whenIdleAfterPaint(fn, 300);
    frame();
    expect(idles).toHaveLength(0);
    frame();
    expect(idles).toEqual([{ fn: expect.any(Function), timeout: 300 }]);
    expect(fn).not.toHaveBeenCalled();
    idles[0].fn();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("does nothing once cancelled, before or after the frames", () => {
    const { frame, idles } = fakeBrowser(true);
    const early = vi.fn();
    whenIdleAfterPaint(early)();
    frame();
    frame();
    expect(idles).toHaveLength(0);
    const late = vi.fn();
    const cancel = whenIdleAfterPaint(late);
    frame();
    frame();
    cancel();
    idles.forEach((i) => i.fn());
    expect(early).not.toHaveBeenCalled();
    expect(late).not.toHaveBeenCalled();
  });

  it("takes a task after the frames where there is no requestIdleCallback", () => {
    vi.useFakeTimers();
    const { frame } = fakeBrowser(false);
    const fn = vi.fn();
    whenIdleAfterPaint(fn);
    frame();
    frame();
    expect(fn).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
