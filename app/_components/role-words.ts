/** What each role may do in a piece, said to the person who has it or is offered it (the AI panel, the invite page). */
import type { Role } from "@/app/_collab/role-change";

/** "You can …": what the role lets its person do. */
export const ROLE_CAN: Record<Role, string> = {
  owner: "edit the music, ask the AI, comment and invite people",
  editor: "edit the music, ask the AI and comment",
  reviewer: "listen, replay how the piece was written and comment, but not change the music",
  viewer: "listen and read the comments, but not change the music or comment",
};

/** "a reviewer", "an editor". */
export const aRole = (role: Role): string => `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}`;

/** Why the AI panel cannot ask for candidates: the person's role, or, for those who may ask, the replay they are in. */
export function aiReadOnlyNote(role: Role | undefined): string {
  if (role === "owner" || role === "editor") return "You are replaying the piece's history: go back to now to ask the AI.";
  if (role === "reviewer") return "As a reviewer you can watch the AI's candidates and comment on them, but not ask for them.";
  if (role === "viewer") return "As a viewer you can watch the AI's candidates but not ask for them.";
  return "You can watch the AI's candidates but not ask for them.";
}
