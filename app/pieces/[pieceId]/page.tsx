/** The editor page: the piece id comes from the URL; everything else loads in the browser. */
import { PieceEditor } from "./_components/piece-editor";

export const metadata = { title: "Piece · Tandem" };

export default async function PiecePage({ params }: { params: Promise<{ pieceId: string }> }) {
  const { pieceId } = await params;
  return <PieceEditor pieceId={pieceId} />;
}
