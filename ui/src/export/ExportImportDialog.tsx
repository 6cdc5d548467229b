//! Export and import, from the sidebar: the button and the modal. What the
//! dialog holds (batch PDFs, records, import, PDF settings, and the date
//! fields they use) is loaded when it first opens, or when the browser is
//! idle after the inbox has shown, so it stays out of the launch's bundle.
import { lazy, Suspense } from "react";
import { Button, DialogTrigger, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";
import "./export.css";

const loadContent = () => import("./ExportImportContent");
const ExportImportContent = lazy(() => loadContent().then((m) => ({ default: m.ExportImportContent })));

/** Fetches the dialog's code ahead of the first click (called once the inbox shows). */
export function preloadExportImport(): void {
  void loadContent();
}

export function ExportImportDialog() {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className="button" data-testid="open-export">
        {t("export.open")}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal modal-wide">
          <Suspense
            fallback={
              <p className="screen-note" aria-busy="true">
                {t("app.loading")}
              </p>
            }
          >
            <ExportImportContent />
          </Suspense>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
