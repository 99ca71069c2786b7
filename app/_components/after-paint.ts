/**
 * Work the page wants soon but not before it has shown what it opened: after the next two frames are painted, in an
 * idle moment (at the latest `timeoutMs` later). Loading the sounds, say, which took a third of a second of the main
 * thread and, started with the editor, made the piece's notes wait for it.
 */
export function whenIdleAfterPaint(fn: () => void, timeoutMs = 2000): () => void {
  let cancelled = false;
  let idle: number | null = null;
  const run = () => {
    if (cancelled) return;
    // Safari has no requestIdleCallback: a task after the paint is the next best.
    if (typeof requestIdleCallback === "function") idle = requestIdleCallback(() => !cancelled && fn(), { timeout: timeoutMs });
    else setTimeout(() => !cancelled && fn(), 0);
  };
  requestAnimationFrame(() => requestAnimationFrame(run));
  return () => {
    cancelled = true;
    if (idle !== null && typeof cancelIdleCallback === "function") cancelIdleCallback(idle);
  };
}
