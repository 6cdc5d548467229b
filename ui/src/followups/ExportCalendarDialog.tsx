//! Exports pending follow-ups (all, or one case's) as an `.ics` calendar file
//! through the native Save dialog, which the Rust side opens (and names the
//! file). Privacy by default: the file names case numbers and reasons only,
//! unless the clinician ticks "include names".
import { useState } from "react";
import { Button, Checkbox, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { reportError } from "../app/errorBanner";
import { exportFollowUpsIcs } from "../backend";

export function ExportCalendarDialog({ caseId }: { caseId: number | null }) {
  const { t } = useTranslation();
  const [includeNames, setIncludeNames] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      const result = await exportFollowUpsIcs({ case_id: caseId, include_names: includeNames });
      if (result !== null) setSaved(result.events);
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <DialogTrigger onOpenChange={() => setSaved(null)}>
      <Button className="button" data-testid={caseId === null ? "export-ics" : "export-case-ics"}>
        {t("followups.export")}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog" data-testid="export-dialog">
            {({ close }) => (
              <>
                <Heading slot="title">{caseId === null ? t("followups.exportAllTitle") : t("followups.exportCaseTitle")}</Heading>
                <p className="hint">{t("followups.exportHint")}</p>
                <Checkbox
                  className="checkbox"
                  isSelected={includeNames}
                  onChange={setIncludeNames}
                  data-testid="include-names"
                >
                  <span className="checkbox-box" aria-hidden="true">
                    {includeNames ? "✓" : ""}
                  </span>
                  {t("followups.includeNames")}
                </Checkbox>
                {saved !== null && (
                  <p role="status" data-testid="export-done">
                    {t("followups.exported", { count: saved })}
                  </p>
                )}
                <div className="button-row">
                  <Button className="button" onPress={close}>
                    {saved === null ? t("form.cancel") : t("followups.close")}
                  </Button>
                  <Button
                    className="button button-primary"
                    isDisabled={busy}
                    onPress={() => void run()}
                    data-testid="save-ics"
                  >
                    {t("followups.saveIcs")}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
