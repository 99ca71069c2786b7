"use client";
/**
 * Asks before an action changes other people's notes: a modal alertdialog (the browser's <dialog>, so focus stays
 * inside it and Escape cancels) whose answer resolves the promise `ask` returned. Cancel has focus first: Enter on a
 * question one did not read changes nothing.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import styles from "./confirm-dialog.module.css";

export interface Question {
  title: string;
  body: string;
  /** The confirming button's words: the action, never a bare "OK". */
  confirm: string;
}

export interface Confirm {
  /** Resolves true when the person confirms, false when they cancel (Cancel, Escape, or a newer question). */
  ask(q: Question): Promise<boolean>;
  /** Render it once, anywhere: it shows while a question waits. */
  dialog: ReactNode;
}

export function useConfirm(): Confirm {
  const [pending, setPending] = useState<{ q: Question; answer(yes: boolean): void } | null>(null);
  const waiting = useRef<((yes: boolean) => void) | null>(null);
  const ask = (q: Question) =>
    new Promise<boolean>((resolve) => {
      waiting.current?.(false);
      const answer = (yes: boolean) => {
        if (waiting.current !== answer) return; // answered already
        waiting.current = null;
        setPending(null);
        resolve(yes);
      };
      waiting.current = answer;
      setPending({ q, answer });
    });
  const dialog = pending && <ConfirmDialog key={pending.q.title + pending.q.body} question={pending.q} onAnswer={pending.answer} />;
  return { ask, dialog };
}

export function ConfirmDialog({ question, onAnswer }: { question: Question; onAnswer(yes: boolean): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const answered = useRef(false);
  const id = useId();
  const answer = (yes: boolean) => {
    if (answered.current) return;
    answered.current = true;
    ref.current?.close();
    onAnswer(yes);
  };
  // No close on unmount: leaving the page takes the dialog with it, and a close there would answer the question in
  // Strict Mode's second mount (its "close" event arrives after the dialog is open again).
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      className={styles.dialog}
      onCancel={(e) => {
        e.preventDefault(); // Escape: answer, then close ourselves
        answer(false);
      }}
      onClose={() => answer(false)}
      data-testid="confirm-dialog"
    >
      <h2 id={`${id}-title`} className={styles.title}>
        {question.title}
      </h2>
      <p id={`${id}-body`} className={styles.body}>
        {question.body}
      </p>
      <div className={styles.answers}>
        <button type="button" autoFocus onClick={() => answer(false)}>
          Cancel
        </button>
        <button type="button" className={styles.confirm} onClick={() => answer(true)}>
          {question.confirm}
        </button>
      </div>
    </dialog>
  );
}
