//! The interface language: follow the system, English, or 繁體中文. The
//! language names are written in their own language (a clinician who cannot
//! read the current one must still find theirs), so they are the same in
//! every resource file.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { BackendError, InterfaceLanguage } from "../backend";
import { useSetLanguage, useStoredLanguage } from "./language";

const SYSTEM = "system";

export function LanguageSetting() {
  const { t } = useTranslation();
  const id = useId();
  const stored = useStoredLanguage();
  const save = useSetLanguage();
  const error = save.error as BackendError | null;
  const value = stored.data ?? SYSTEM;
  return (
    <section className="panel" aria-labelledby={`${id}-heading`} data-testid="language-setting">
      <h2 id={`${id}-heading`}>{t("settings.heading")}</h2>
      <div className="field">
        <label htmlFor={id}>{t("settings.language")}</label>
        <select
          id={id}
          name="interface-language"
          data-testid="interface-language"
          value={value}
          disabled={stored.isPending || save.isPending}
          onChange={(e) => {
            const next = e.target.value;
            save.mutate(next === SYSTEM ? null : (next as InterfaceLanguage));
          }}
        >
          <option value={SYSTEM}>{t("settings.systemLanguage")}</option>
          <option value="en">{t("settings.languageName.en")}</option>
          <option value="zh-TW">{t("settings.languageName.zh-TW")}</option>
        </select>
        <p className="hint">{t("settings.languageHint")}</p>
        {error && <span className="field-error">{error.message}</span>}
      </div>
    </section>
  );
}
