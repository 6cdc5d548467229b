//! The lock screen: shown at a start the key store could not open, and
//! after a lock. It shows nothing of any case; the passphrase (or the
//! recovery code) opens the book again. When the OS key store used to open
//! the book by itself and did not this time, it says why (the core's notice).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import "./access.css";
import { setInterfaceLanguage, unlock, type BackendError } from "../backend";
import type { Language } from "../i18n";
import { say } from "../i18n/messages";
import type { Message } from "../backend/bindings/Message";
import { navigate } from "../app/navigation";
import { caseKeys } from "../cases/queries";
import { LanguagePicker } from "./LanguagePicker";
import { lockSettled } from "./lock";
import { PassphraseError, PassphraseField, SubmitButton } from "./PassphraseField";
import { noteRecoveryCodeUsed } from "./recoveryNotice";

export function LockScreen({ dataDir, notice }: { dataDir: string; notice?: Message | null }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const id = useId();
  const [secret, setSecret] = useState("");
  const [chosenLanguage, setChosenLanguage] = useState<Language | null>(null);
  const open = useMutation({
    mutationFn: async (typed: string) => {
      await lockSettled();
      return unlock(typed);
    },
    onSuccess: async (outcome) => {
      setSecret("");
      // A language picked here is the clinician's choice: keep it in the book
      // before the shell applies the stored one.
      if (chosenLanguage) await setInterfaceLanguage(chosenLanguage).catch(() => undefined);
      if (outcome.with_recovery_code) {
        // The security settings ask for a new passphrase.
        noteRecoveryCodeUsed();
        navigate({ name: "profile" });
      }
      await client.invalidateQueries();
      await client.refetchQueries({ queryKey: caseKeys.appInfo });
    },
  });
  const error = open.error as BackendError | null;
  return (
    <div className="access-screen" data-testid="lock-screen">
      <LanguagePicker onChoose={setChosenLanguage} />
      <form
        className="panel access-panel"
        aria-labelledby={`${id}-heading`}
        onSubmit={(e) => {
          e.preventDefault();
          open.mutate(secret);
        }}
      >
        <h1 id={`${id}-heading`}>{t("access.lock.heading")}</h1>
        <p>{t("access.lock.intro")}</p>
        {notice && (
          <p className="notice" role="status" data-testid="key-store-notice">
            {say(notice)}
          </p>
        )}
        <PassphraseField
          label={t("access.lock.secret")}
          testId="unlock-secret"
          value={secret}
          onChange={setSecret}
          autoComplete="current-password"
          invalid={error?.field === "secret"}
          autoFocus
        />
        <PassphraseError mismatch={false} message={error?.message} testId="unlock-error" />
        <SubmitButton
          testId="unlock-submit"
          busy={open.isPending}
          empty={secret === ""}
          label={t("access.lock.submit")}
          busyLabel={t("access.lock.working")}
          primary
        />
        <p className="hint">{t("access.lock.forgot")}</p>
        <p className="hint data-folder">{t("access.lock.folder", { folder: dataDir })}</p>
      </form>
    </div>
  );
}
