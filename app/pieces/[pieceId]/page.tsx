/** The editor page: the piece id comes from the URL; everything else loads in the browser. */
import { PieceEditorLoader } from "./_components/piece-editor-loader";

export const metadata = { title: "Piece · Tandem" };

export default async function PiecePage({ params }: { params: Promise<{ pieceId: string }> }) {
  const { pieceId } = await params;
  return <PieceEditorLoader pieceId={pieceId} />;
}
