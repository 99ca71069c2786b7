import { PieceList } from "./piece-list";

export const metadata = { title: "Your pieces · Tandem" };

export default function PiecesPage() {
  return (
    <main className="page">
      <PieceList />
    </main>
  );
}
