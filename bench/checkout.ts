/** An older commit's tree beside this checkout, for the benches that measure against it. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Checkout {
  rev: string;
  dir: string;
  remove(): void;
}

/**
 * The tree of commit `rev` in a temporary directory with this checkout's node_modules, so that its server can run
 * beside this one's. `build: "shared"` links this checkout's Next build too (bench:memory: the pages are not what it
 * measures); `"own"` leaves the build to buildCheckout, and hard-links node_modules instead of linking the folder
 * (Turbopack refuses a node_modules symlink that leads out of the project).
 */
export function checkoutOf(rev: string, { build = "shared" }: { build?: "shared" | "own" } = {}): Checkout {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tandem-bench-rev-"));
  const tar = execFileSync("git", ["archive", "--format=tar", rev], { maxBuffer: 1 << 30 });
  execFileSync("tar", ["-x", "-C", dir], { input: tar });
  if (build === "shared") {
    for (const shared of ["node_modules", ".next"]) if (existsSync(shared)) symlinkSync(path.resolve(shared), path.join(dir, shared));
  } else {
    copyNodeModules(path.join(dir, "node_modules"));
  }
  return { rev, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What `npm install` and `npm run build` leave in a checkout: the piano samples (postinstall), then `next build`. */
export function buildCheckout(checkout: Checkout): void {
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: checkout.dir, stdio: ["ignore", "inherit", "inherit"] });
  if (existsSync(path.join(checkout.dir, "scripts/copy-samples.mjs"))) run(process.execPath, ["scripts/copy-samples.mjs"]);
  run("npx", ["next", "build"]);
}

/** Hard links where the temporary directory shares this checkout's file system (no copy), else a copy. */
function copyNodeModules(to: string): void {
  try {
    execFileSync("cp", ["-al", "node_modules", to], { stdio: ["ignore", "ignore", "pipe"] });
  } catch {
    rmSync(to, { recursive: true, force: true });
    execFileSync("cp", ["-a", "node_modules", to]);
  }
}
