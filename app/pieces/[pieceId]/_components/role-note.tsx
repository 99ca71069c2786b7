"use client";
/** Says so when the person's role in the piece changes while it is open (app/_collab/role-change.ts). */
import { useState } from "react";
import { roleChangeNote, type Role } from "@/app/_collab/role-change";

export function RoleNote({ role }: { role: Role | undefined }) {
  const [seen, setSeen] = useState(role);
  const [note, setNote] = useState<string | null>(null);
  // State from the role's last value, set while rendering (React's way for state that follows a prop).
  if (role !== seen) {
    setSeen(role);
    setNote(roleChangeNote(seen, role));
  }
  if (!note) return null;
  return (
    <p className="role-note" role="status" data-testid="role-note">
      {note}{" "}
      <button type="button" onClick={() => setNote(null)} aria-label="Dismiss the note about your role">
        ×
      </button>
    </p>
  );
}
