"use client";
/**
 * The editor only ever runs in the browser (Yjs, the canvas, Web Audio); loading it without server rendering
 * also keeps a second copy of Yjs out of the server process, where the collab rooms use theirs. While its
 * chunk loads, the piece's collab socket is already opening (early-socket.ts).
 */
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { collabRoomUrl } from "@/app/_collab/collab-url";
import { createEarlySockets } from "@/app/_collab/early-socket";

const PieceEditor = dynamic(() => import("./piece-editor").then((m) => m.PieceEditor), {
  ssr: false,
  loading: () => <p className="loading">Opening the piece…</p>,
});

export function PieceEditorLoader({ pieceId }: { pieceId: string }) {
  const [early] = useState(createEarlySockets);
  useEffect(() => early.open(collabRoomUrl(window.location, pieceId)), [early, pieceId]);
  return <PieceEditor pieceId={pieceId} early={early} />;
}
