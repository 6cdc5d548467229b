//! The recovery code, shown once right after set-up: the only way in when
//! the passphrase is forgotten. The clinician confirms having written it
//! down (or saved the recovery sheet, a one-page PDF to print) before the
//! case book opens.
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import "./access.css";
import { saveRecoverySheet, type BackendError, type ProtectOutcome } from "../backend";

export function RecoveryCodeScreen({ outcome, onDone }: { outcome: ProtectOutcome; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [kept, setKept] = useState(false);
  const sheet = useMutation({ mutationFn: () => saveRecoverySheet(outcome.recovery_code, i18n.language) });
  const sheetError = sheet.error as BackendError | null;
  return (
    <div className="access-screen" data-testid="recovery-screen">
      <section className="panel access-panel" aria-labelledby={`${id}-heading`}>
        <h1 id={`${id}-heading`}>{t("access.recovery.heading")}</h1>
        {outcome.was_plaintext && <p>{t("access.recovery.encrypted")}</p>}
        <p>{t("access.recovery.intro")}</p>
        <p className="recovery-code" data-testid="recovery-code" translate="no">
          {outcome.recovery_code}
        </p>
        <p className="hint">{t("access.recovery.keep")}</p>
        <button
          type="button"
          className="button"
          data-testid="save-recovery-sheet"
          disabled={sheet.isPending}
          onClick={() => sheet.mutate()}
        >
          {sheet.isPending ? t("access.recovery.sheetSaving") : t("access.recovery.sheet")}
        </button>
        {sheet.data && (
          <p className="saved" role="status" data-testid="recovery-sheet-saved">
            {t("access.recovery.sheetSaved", { path: sheet.data })}
          </p>
        )}
        {sheetError && (
          <p className="field-error" role="alert">
            {sheetError.message}
          </p>
        )}
        {!outcome.key_store_kept && (
          <p className="notice" data-testid="no-key-store">
            {t("access.recovery.noKeyStore")}
          </p>
        )}
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="recovery-kept"
            checked={kept}
            onChange={(e) => setKept(e.target.checked)}
          />
          {t("access.recovery.confirm")}
        </label>
        <button
          type="button"
          className="button button-primary"
          data-testid="recovery-done"
          disabled={!kept}
          onClick={onDone}
        >
          {t("access.recovery.continue")}
        </button>
      </section>
    </div>
  );
}
