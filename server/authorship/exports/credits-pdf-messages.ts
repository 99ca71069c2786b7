/** What the main thread and the credits PDF worker say to each other (plain, structured-clonable data). */
import type { CreditsSheet } from "./credits-sheet";
import type { PdfOptions } from "./credits-pdf";

/** Main thread to worker: draw one sheet. */
export interface PdfRenderRequest {
  type: "render";
  id: number;
  sheet: CreditsSheet;
  options: PdfOptions;
}

/** Worker to main thread: loaded and listening; a sheet's bytes (the ArrayBuffer transferred, not copied); or why it failed. */
export type PdfWorkerMessage =
  | { type: "ready" }
  | { type: "done"; id: number; pdf: ArrayBuffer }
  | { type: "failed"; id: number; message: string };
