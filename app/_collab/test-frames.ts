/** For tests: animation frames that run when the test says, as a display would (the page's requestAnimationFrame). */
export function testFrames() {
  const waiting = new Map<number, () => void>();
  let next = 1;
  return {
    request: (cb: () => void) => (waiting.set(next, cb), next++),
    cancel: (id: number) => void waiting.delete(id),
    run() {
      const due = [...waiting.values()];
      waiting.clear();
      due.forEach((cb) => cb());
    },
  };
}
