"use client";
/**
 * The editor only ever runs in the browser (Yjs, the canvas, Web Audio); loading it without server rendering
 * also keeps a second copy of Yjs out of the server process, where the collab rooms use theirs.
 */
import dynamic from "next/dynamic";

export const PieceEditorLoader = dynamic(() => import("./piece-editor").then((m) => m.PieceEditor), {
  ssr: false,
  loading: () => <p className="loading">Opening the piece…</p>,
});
