/**
 * A cluster child (app, balancer, worker) ends with the cluster, even one killed outright (SIGKILL, the OOM killer)
 * that could not stop its children: the cluster starts each with an IPC channel, which closes when the cluster's
 * process ends, and the child then stops as on SIGTERM (saving, finishing its jobs). Started any other way, a child
 * has no channel and this does nothing.
 */
export function stopWithParent(): void {
  if (!process.channel) return;
  process.channel.unref(); // the channel alone never keeps the child running
  process.once("disconnect", () => process.kill(process.pid, "SIGTERM"));
}
