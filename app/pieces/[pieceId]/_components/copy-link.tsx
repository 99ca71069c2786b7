"use client";
/**
 * Copies an invite link and says so: "Copied" for a moment, read out by a live region that is always there (one that
 * appears with its text is often not announced); when the browser refuses the clipboard, the link is selected on the
 * page and the message says to copy it by hand.
 */
import { useEffect, useId, useState, type RefObject } from "react";
import styles from "./copy-link.module.css";

const SAID_FOR_MS = 3000;
const REFUSED = "Your browser did not let Tandem copy the link. It is selected above: copy it with Ctrl+C (⌘C on a Mac).";

type Outcome = "copied" | "refused" | null;

interface Props {
  url: string;
  /** What the button says: "Copy editor link". */
  label: string;
  /** The link as shown on the page, selected when the clipboard is refused. */
  shown: RefObject<HTMLElement | null>;
  describedBy?: string;
}

export function CopyLink({ url, label, shown, describedBy }: Props) {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const saidId = useId();

  useEffect(() => {
    if (outcome !== "copied") return;
    const timer = setTimeout(() => setOutcome(null), SAID_FOR_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

  const copy = async () => {
    setOutcome(null);
    try {
      // Undefined outside a secure context (plain http on another host than localhost).
      if (!navigator.clipboard) throw new Error("No clipboard in this context");
      await navigator.clipboard.writeText(url);
      setOutcome("copied");
    } catch {
      if (shown.current) window.getSelection()?.selectAllChildren(shown.current);
      setOutcome("refused");
    }
  };

  return (
    <>
      <button type="button" aria-describedby={[describedBy, saidId].filter(Boolean).join(" ")} onClick={() => void copy()}>
        {label}
      </button>
      <span id={saidId} role="status" className={outcome === "refused" ? `alert ${styles.refused}` : "status"} data-testid="copy-outcome">
        {outcome === "copied" ? "Copied" : outcome === "refused" ? REFUSED : ""}
      </span>
    </>
  );
}
