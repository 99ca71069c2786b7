/** The contribution report of a piece: who wrote what, with the model's part, as charts and tables. */
import { ReportView } from "./report-view";

export const metadata = { title: "Contribution report · Tandem" };

export default async function ReportPage({ params }: { params: Promise<{ pieceId: string }> }) {
  const { pieceId } = await params;
  return <ReportView pieceId={pieceId} />;
}
