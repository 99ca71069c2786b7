/** Credits sheets of the scripted piece (test-fixture.ts) for the PDF tests and bench/credits-pdf.ts. */
import { buildCreditsSheet, type CreditsSheet } from "./credits-sheet";
import { buildDisclosure } from "./disclosure";
import { computeFigures } from "./figures";
import { ADA, BO, scriptedPiece } from "./test-fixture";

/** The scripted piece's sheet with Ada and Bo renamed in the ledger (the names the sheet prints), and a title if given. */
export function sheetNamed(ada: string, bo: string, title?: string): CreditsSheet {
  const piece = scriptedPiece();
  if (title !== undefined) piece.piece.title = title;
  piece.ledger = piece.ledger.map((r) => ({ ...r, actorName: r.actorId === BO.id ? bo : r.actorId === ADA.id ? ada : r.actorName }));
  const f = computeFigures(piece);
  return buildCreditsSheet(piece, f, buildDisclosure(piece, f));
}

/** Names in every script the PDF has a font for besides Latin: Chinese, Korean and Arabic (the slowest fonts to parse). */
export const cjkKoreanArabicSheet = (title?: string) => sheetNamed("王菲 ليلى حسن", "김민준", title);
