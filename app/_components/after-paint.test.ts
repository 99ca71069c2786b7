import { afterEach, describe, expect, it, vi } from "vitest";
import { QUIET_MS, quietMoment, whenIdleAfterPaint } from "./after-paint";

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

/** The page's window, for the input the work waits out (one for the file: the listeners go on once). */
const page = new EventTarget();
const input = (type: string, buttons = 0) => page.dispatchEvent(Object.assign(new Event(type), { buttons }));
/** Fake timers (each test's clock starts at 0), a minute past any input of an earlier test. */
let tests = 0;
function quietPage() {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
  vi.advanceTimersByTime(60_000 * ++tests);
  vi.stubGlobal("window", page);
}

describe("whenIdleAfterPaint, during a gesture", () => {
  it("waits for a moment with no wheel, click, drag or key, however long the gesture", () => {
    quietPage();
    const { frame, idles } = fakeBrowser(true);
    const fn = vi.fn();
    whenIdleAfterPaint(fn);
    input("wheel"); // a scroll began as the piece opened
    frame();
    frame();
    expect(idles).toHaveLength(0);
    for (const type of ["wheel", "pointerdown", "keydown"]) {
      vi.advanceTimersByTime(QUIET_MS / 2);
      input(type);
    }
    vi.advanceTimersByTime(QUIET_MS - 1);
    expect(idles).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(idles).toHaveLength(1);
    input("pointermove", 1); // a drag began while the idle callback waited: it waits again
    idles[0].fn();
    expect(fn).not.toHaveBeenCalled();
    input("pointermove", 0); // hovering is no gesture
    vi.advanceTimersByTime(QUIET_MS);
    idles[1].fn();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("stops waiting after 10 s of input", () => {
    quietPage();
    const { frame, idles } = fakeBrowser(true);
    whenIdleAfterPaint(() => {});
    frame();
    frame();
    for (let t = 0; t <= 10_500 && idles.length === 0; t += 100) {
      input("wheel");
      vi.advanceTimersByTime(100);
    }
    expect(idles).toHaveLength(1);
  });
});

describe("quietMoment", () => {
  it("resolves in a quiet moment, or in the next task once hurried", async () => {
    quietPage();
    const { frame, idles } = fakeBrowser(true);
    const done = vi.fn();
    void quietMoment(new Promise(() => {})).then(done);
    frame();
    frame();
    idles[0].fn();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toHaveBeenCalled();

    let hurry = () => {};
    const later = vi.fn();
    void quietMoment(new Promise<void>((r) => (hurry = r))).then(later);
    input("wheel");
    hurry();
    await vi.advanceTimersByTimeAsync(0);
    expect(later).toHaveBeenCalled();
  });
});
