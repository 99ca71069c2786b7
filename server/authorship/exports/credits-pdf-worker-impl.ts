/**
 * The credits PDF worker thread: draws one sheet at a time with pdfkit and keeps the parsed fonts (pdf-fonts.ts) for
 * the life of the thread, off the server's event loop. Started by credits-pdf-renderer.ts through credits-pdf-worker.mjs.
 */
import { parentPort } from "node:worker_threads";
import { renderCreditsPdf } from "./credits-pdf";
import type { PdfRenderRequest, PdfWorkerMessage } from "./credits-pdf-messages";

if (!parentPort) throw new Error("credits-pdf-worker-impl.ts runs in a worker thread (credits-pdf-renderer.ts starts it)");
const port = parentPort;
const post = (message: PdfWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.on("message", async (request: PdfRenderRequest) => {
  try {
    const pdf = await renderCreditsPdf(request.sheet, request.options);
    // Transfer the bytes rather than copy them: a buffer of exactly the PDF, which renderCreditsPdf's own copy already is.
    const whole = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength && pdf.buffer instanceof ArrayBuffer;
    const bytes = whole ? (pdf.buffer as ArrayBuffer) : pdf.slice().buffer;
    post({ type: "done", id: request.id, pdf: bytes }, [bytes]);
  } catch (e) {
    post({ type: "failed", id: request.id, message: e instanceof Error ? e.message : String(e) });
  }
});
post({ type: "ready" });
