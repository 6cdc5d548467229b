//! The language switch of the set-up and lock screens, where the case book
//! (and with it the clinician's stored choice) is not open yet. Each name is
//! written in its own language.
import { useTranslation } from "react-i18next";
import { chooseLanguage, LANGUAGES, type Language } from "../i18n";

export function LanguagePicker({ onChoose }: { onChoose?: (language: Language) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-picker" role="group" aria-label={t("settings.language")}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          className="button button-small"
          aria-pressed={i18n.language === language}
          data-testid={`pick-language-${language}`}
          onClick={() => {
            void chooseLanguage(language);
            onChoose?.(language);
          }}
        >
          {t(`settings.languageName.${language}`)}
        </button>
      ))}
    </div>
  );
}
