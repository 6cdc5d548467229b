//! The first start: the clinician chooses the passphrase that protects the
//! case book (a new one, or the one from before encryption, which is
//! encrypted in place), then sees the recovery code once.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import "./access.css";
import { protect, setInterfaceLanguage, type BackendError, type ProtectOutcome } from "../backend";
import { caseKeys } from "../cases/queries";
import type { Language } from "../i18n";
import { LanguagePicker } from "./LanguagePicker";
import { NewPassphraseFields, PassphraseError, SubmitButton } from "./PassphraseField";
import { RecoveryCodeScreen } from "./RecoveryCodeScreen";

export function SetUpScreen({ plaintext }: { plaintext: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const id = useId();
  const [passphrase, setPassphrase] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const [chosenLanguage, setChosenLanguage] = useState<Language | null>(null);
  const [outcome, setOutcome] = useState<ProtectOutcome | null>(null);
  const save = useMutation({
    mutationFn: (typed: string) => protect(typed),
    onSuccess: (result) => {
      setPassphrase("");
      setRepeat("");
      setOutcome(result);
      // A language picked here is the clinician's choice: keep it in the book.
      if (chosenLanguage) void setInterfaceLanguage(chosenLanguage).catch(() => undefined);
    },
  });
  const error = save.error as BackendError | null;

  if (outcome) {
    return (
      <RecoveryCodeScreen
        outcome={outcome}
        onDone={() => void client.invalidateQueries({ queryKey: caseKeys.appInfo })}
      />
    );
  }
  return (
    <div className="access-screen" data-testid="setup-screen">
      <LanguagePicker onChoose={setChosenLanguage} />
      <form
        className="panel access-panel"
        aria-labelledby={`${id}-heading`}
        onSubmit={(e) => {
          e.preventDefault();
          if (passphrase !== repeat) {
            setMismatch(true);
            return;
          }
          setMismatch(false);
          save.mutate(passphrase);
        }}
      >
        <h1 id={`${id}-heading`}>{t("access.setUp.heading")}</h1>
        <p>{t(plaintext ? "access.setUp.introExisting" : "access.setUp.intro")}</p>
        <NewPassphraseFields
          label={t("access.setUp.passphrase")}
          testId="setup-passphrase"
          repeatTestId="setup-repeat"
          value={passphrase}
          repeat={repeat}
          onChange={setPassphrase}
          onRepeatChange={setRepeat}
          invalid={error?.field === "passphrase"}
          mismatch={mismatch}
          autoFocus
        />
        <PassphraseError mismatch={mismatch} message={error?.message} testId="setup-error" />
        <SubmitButton
          testId="setup-submit"
          busy={save.isPending}
          empty={passphrase === ""}
          label={t("access.setUp.submit")}
          busyLabel={t("access.setUp.working")}
          primary
        />
        <p className="hint">{t("access.setUp.diskNote")}</p>
      </form>
    </div>
  );
}
