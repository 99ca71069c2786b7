import { expect, type Page, type WebSocketRoute } from "@playwright/test";
import { test } from "./test";
import { addNote, connected, newPiece, newUser, signUp } from "./people";

// Two people, one piece: Bob loses his connection, keeps editing, sees how many changes wait, and comes back; both
// see his edits, the note history credits them to him, and his undo still works. SCREENS_DIR saves a 1440x900
// screenshot of the offline status.

// What the page's socket hears when the network goes: an abnormal close (1006 is the browser's own, not sendable).
const NETWORK_DOWN = { code: 1011, reason: "network down" };

/**
 * Cuts and restores one page's network as a lost connection would: the collab socket dies on both ends (the server
 * hears it close, the page gets a close event), new sockets fail at once, and HTTP requests fail (context offline).
 * Playwright's setOffline alone leaves an open WebSocket open, so the page's sockets go through a route to the server.
 */
async function cuttableNetwork(page: Page) {
  let online = true;
  const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
  await page.routeWebSocket(/\/collab\//, (ws) => {
    if (!online) return ws.close(NETWORK_DOWN);
    open.add({ page: ws, server: ws.connectToServer() }); // messages, and a close from either end, are forwarded as they come
  });
  return {
    async cut() {
      online = false;
      await Promise.all([...open].flatMap((socket) => [socket.server.close(), socket.page.close(NETWORK_DOWN)]));
      open.clear();
      await page.context().setOffline(true);
    },
    async restore() {
      online = true;
      await page.context().setOffline(false);
    },
  };
}

interface DocNote {
  id: string;
  start: number;
  pitch: number;
}
const notes = (page: Page) =>
  page.evaluate(() => {
    const doc = (window as unknown as { __tandem: { doc: import("yjs").Doc } }).__tandem.doc;
    return [...doc.getMap<{ start: number; pitch: number }>("notes").entries()].map(([id, n]) => ({ id, start: n.start, pitch: n.pitch })).sort((a, b) => a.start - b.start);
  }) as Promise<DocNote[]>;
const ids = async (page: Page) => (await notes(page)).map((n) => n.id);
const status = (page: Page) => page.getByTestId("connection-status");
const roll = (page: Page) => page.getByTestId("piano-roll");

test("edits made offline sync on reconnecting, credited to their author, for both people", async ({ browser }) => {
  const ann = await newUser(browser);
  await ann.goto("/");
  await signUp(ann, "Ann", "**/pieces");
  await newPiece(ann, "Out of range");
  await ann.getByRole("button", { name: "Invite" }).click();
  const inviteUrl = (await ann.getByTestId("invite-url").textContent())!.trim();

  const bob = await newUser(browser, { width: 1440, height: 900 });
  const network = await cuttableNetwork(bob);
  await bob.goto(inviteUrl);
  await bob.waitForURL("**/?next=*");
  await signUp(bob, "Bob", "**/pieces/*");
  await connected(bob);

  await addNote(ann, 1, 200);
  await addNote(bob, 4, 300);
  await expect.poll(() => notes(ann)).toHaveLength(2);
  await expect.poll(() => notes(bob)).toHaveLength(2);
  const [annsNote, bobsOnline] = await ids(ann);
  const annsPitch = (await notes(ann))[0].pitch;

  // Bob's network goes: the page says so, and his edits stay on his roll: a new note, Ann's note a semitone up
  // (picked, then ArrowUp), and his own earlier note deleted.
  await network.cut();
  await expect(status(bob)).toHaveText("offline, reconnecting");
  await addNote(bob, 2, 260);
  await addNote(bob, 1, 200); // on Ann's note: picks it
  await roll(bob).press("ArrowUp");
  await addNote(bob, 4, 300); // on his own: picks it
  await roll(bob).press("Delete");
  await expect(status(bob)).toHaveText("offline: 3 changes will sync");
  await expect(bob.getByRole("status").filter({ has: status(bob) })).toContainText("Connection: offline: 3 changes will sync");
  const offline = await notes(bob);
  expect(offline.map((n) => n.id)).not.toContain(bobsOnline);
  expect(offline).toHaveLength(2);
  expect(offline.find((n) => n.id === annsNote)?.pitch).toBe(annsPitch + 1);
  if (process.env.SCREENS_DIR) await bob.screenshot({ path: `${process.env.SCREENS_DIR}/offline-1440x900.png` });
  await bob.waitForTimeout(500);
  expect(await ids(ann)).toEqual([annsNote, bobsOnline]); // nothing reached Ann

  // Back online: his three changes merge, both see the same piece, and he is "connected" again.
  await network.restore();
  await expect(status(bob)).toHaveText("connected", { timeout: 20_000 });
  await expect.poll(() => notes(ann)).toEqual(offline);
  expect(await notes(bob)).toEqual(offline);

  // The note history credits his offline note to him.
  await addNote(ann, 2, 260); // on Bob's note: picks it
  await expect(ann.getByTestId("note-history-label")).toHaveText("Written by Bob");

  // His undo still takes back his last change, the offline delete: his note returns for both.
  await roll(bob).focus();
  await bob.keyboard.press("Control+z");
  await expect.poll(async () => (await ids(ann)).includes(bobsOnline)).toBe(true);
  await expect.poll(async () => (await ids(bob)).length).toBe(3);
  await expect(status(bob)).toHaveText("connected");
});
