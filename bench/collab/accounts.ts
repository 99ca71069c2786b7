/** Collaborators with real better-auth sessions: signed up through the server's own auth API. */
import { randomUUID } from "node:crypto";

export interface Person {
  userId: string;
  /** The Cookie header of the person's session (undefined against a server without accounts). */
  cookie?: string;
}

const CONCURRENCY = 4; // sign-up hashes a password (scrypt): a few at a time on a small machine

/** Signs up `count` people at `httpBase` (POST /api/auth/sign-up/email) and keeps their session cookies. */
export async function signUpPeople(httpBase: string, count: number): Promise<Person[]> {
  const people: Person[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      people[i] = await signUp(httpBase, `Player ${i + 1}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, worker));
  return people;
}

async function signUp(httpBase: string, name: string): Promise<Person> {
  const email = `bench-${randomUUID()}@example.com`;
  const res = await fetch(`${httpBase}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: httpBase },
    body: JSON.stringify({ name, email, password: `pw-${randomUUID()}` }),
  });
  if (!res.ok) throw new Error(`sign-up failed: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (!cookie) throw new Error("sign-up set no session cookie");
  return { userId: body.user.id, cookie };
}

/** Stand-ins for a server that asks nobody who they are. */
export const anonymousPeople = (count: number): Person[] => Array.from({ length: count }, (_, i) => ({ userId: `anonymous-${i + 1}` }));
