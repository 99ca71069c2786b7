/**
 * Work the page wants soon but not before it has shown what it opened, nor while the person is in a gesture: after the
 * next two frames are painted, in an idle moment with no wheel, click, drag or key for QUIET_MS. Loading the sounds,
 * say: started with the editor, it made the piece's notes wait for it; run while the person scrolled the song they
 * had just opened, its 50-100 ms tasks dropped frames (bench:piano-roll: frame interval p95 150 ms against 16.8 ms
 * once it was done).
 */

/** How long after the last input a moment counts as quiet. */
export const QUIET_MS = 400;
/** The longest deferred work waits for quiet: a person who never stops still gets it. */
const MAX_WAIT_MS = 10_000;

let lastInput = Number.NEGATIVE_INFINITY;
let listening = false;

function listenForInput(): void {
  if (listening || typeof window === "undefined") return;
  listening = true;
  const mark = () => (lastInput = performance.now());
  const options = { capture: true, passive: true };
  for (const type of ["wheel", "pointerdown", "keydown"]) window.addEventListener(type, mark, options);
  window.addEventListener("pointermove", (e) => e.buttons !== 0 && mark(), options); // a drag, not a hover
}

/** Milliseconds until the moment is quiet (0: it is). */
const untilQuiet = () => Math.max(0, QUIET_MS - (performance.now() - lastInput));

/** Runs `fn` in a quiet idle moment after the next paint (at the latest `timeoutMs` after quiet); returns a cancel. */
export function whenIdleAfterPaint(fn: () => void, timeoutMs = 2000): () => void {
  listenForInput();
  let cancelled = false;
  let idle: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const started = performance.now();
  const patient = () => performance.now() - started < MAX_WAIT_MS;
  const run = () => {
    if (cancelled) return;
    const wait = untilQuiet();
    if (wait > 0 && patient()) return void (timer = setTimeout(run, wait));
    // Safari has no requestIdleCallback: a task after the paint is the next best.
    if (typeof requestIdleCallback !== "function") return void (timer = setTimeout(() => !cancelled && fn(), 0));
    idle = requestIdleCallback(
      () => {
        if (cancelled) return;
        if (untilQuiet() > 0 && patient()) run(); // a gesture began while this waited
        else fn();
      },
      { timeout: timeoutMs },
    );
  };
  requestAnimationFrame(() => requestAnimationFrame(run));
  return () => {
    cancelled = true;
    if (timer !== null) clearTimeout(timer);
    if (idle !== null && typeof cancelIdleCallback === "function") cancelIdleCallback(idle);
  };
}

/** A promise form of whenIdleAfterPaint, for work done in steps; once `hurry` resolves, the next task will do. */
export function quietMoment(hurry: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const cancel = whenIdleAfterPaint(resolve);
    void hurry.then(() => {
      cancel();
      setTimeout(resolve, 0);
    });
  });
}
