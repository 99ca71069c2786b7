/**
 * Copies the piano samples the app plays (Salamander Grand Piano, one velocity layer, a note every
 * minor third) from their npm package into public/samples/piano, so the browser loads them from this
 * server and never from the internet. Runs on `npm install` / `npm ci` (postinstall).
 * '#' would need escaping in a URL, so "D#4v8.mp3" is served as "Ds4.mp3".
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const from = join(root, "node_modules", "@audio-samples", "piano-mp3-velocity8", "audio");
const to = join(root, "public", "samples", "piano");

if (!existsSync(from)) {
  console.error(`copy-samples: ${from} is missing; run npm install`);
  process.exit(1);
}
mkdirSync(to, { recursive: true });
let copied = 0;
for (const file of readdirSync(from)) {
  const m = /^([A-G]#?)(\d)v8\.mp3$/.exec(file);
  if (!m) continue;
  copyFileSync(join(from, file), join(to, `${m[1].replace("#", "s")}${m[2]}.mp3`));
  copied++;
}
console.log(`copy-samples: ${copied} piano samples in public/samples/piano`);
