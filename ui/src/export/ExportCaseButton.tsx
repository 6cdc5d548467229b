//! "Export PDF" on the case view: the native Save dialog (opened by the Rust
//! side) picks the file; the PDF is the letter a clinician signs.
import { useState } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { reportError } from "../app/errorBanner";
import { exportCasePdf } from "../backend";

export function ExportCaseButton({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setSaved(null);
    try {
      setSaved(await exportCasePdf(caseId));
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button className="button" data-testid="export-pdf" isDisabled={busy} onPress={() => void run()}>
        {busy ? t("export.casePdfBusy") : t("export.casePdf")}
      </Button>
      {saved !== null && (
        <span role="status" className="hint" data-testid="export-pdf-done">
          {t("export.casePdfSaved", { path: saved })}
        </span>
      )}
    </>
  );
}
