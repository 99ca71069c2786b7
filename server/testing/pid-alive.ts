/** Whether a process with this id still runs (signal 0 checks without signalling); tests use it to see none is left. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
