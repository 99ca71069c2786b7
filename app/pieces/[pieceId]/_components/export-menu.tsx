"use client";
/** Credit exports: a menu of downloads (credits sheet, AI disclosure, score, MIDI, ledger), with errors shown in place. */
import { useState } from "react";
import { EXPORT_CHOICES, exportUrl, fileNameOf } from "./export-formats";
import { ErrorAlert } from "@/app/_components/error-alert";
import { useHeaderPopover } from "./header-popover";

async function download(pieceId: string, format: string): Promise<void> {
  const res = await fetch(exportUrl(pieceId, format), { credentials: "same-origin" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `The export failed (${res.status})`);
  }
  const url = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement("a");
    a.href = url;
    a.download = fileNameOf(res.headers.get("content-disposition"), `${format}.bin`);
    a.click();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

export function ExportMenu({ pieceId }: { pieceId: string }) {
  const popover = useHeaderPopover();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = (format: string) => {
    setBusy(format);
    setError(null);
    download(pieceId, format)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(null));
  };

  return (
    <div style={{ position: "relative" }} ref={popover.wrapRef}>
      <button {...popover.buttonProps} data-testid="export-menu" title="Credit exports">
        Credits
      </button>
      {popover.open && (
        <div id={popover.panelId} className="invite-popover" role="group" aria-label="Credit exports">
          <ul style={{ listStyle: "none", margin: 0, padding: 0, display: "grid", gap: "0.35rem" }}>
            {EXPORT_CHOICES.map((c) => (
              <li key={c.format}>
                <button type="button" onClick={() => run(c.format)} disabled={busy !== null} title={c.hint} data-testid={`export-${c.format}`}>
                  {c.label}
                </button>
              </li>
            ))}
          </ul>
          {busy && (
            <p className="status" role="status">
              Preparing {EXPORT_CHOICES.find((c) => c.format === busy)?.label}…
            </p>
          )}
          <ErrorAlert error={error} />
        </div>
      )}
    </div>
  );
}
