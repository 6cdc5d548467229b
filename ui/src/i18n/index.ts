//! Translation set-up. Every user-visible string goes through `t()`; the
//! English resources live in en.json. To add a language (e.g. Traditional
//! Chinese), add `zh-TW.json` with the same keys and one line to `resources`.
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";

export const resources = {
  en: { translation: en },
} as const;

export type Language = keyof typeof resources;

/**
 * The locale react-aria uses for date fields and calendars, per language.
 * Casebook shows calendar dates year-first everywhere (clinical records must
 * not be ambiguous), so English uses en-SE: English month and day names with
 * a YYYY-MM-DD short date in every CLDR version. (en-CA, the usual choice,
 * is MM/DD/YYYY in the older ICU that WebKitGTK ships on Debian 12.)
 */
const DATE_LOCALES: Record<Language, string> = {
  en: "en-SE",
};

export function dateLocaleFor(language: string): string {
  return language in DATE_LOCALES ? DATE_LOCALES[language as Language] : language;
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: "en",
  fallbackLng: "en",
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
  initAsync: false,
});

function syncDocument(language: string): void {
  if (typeof document === "undefined") return;
  document.documentElement.lang = language;
  document.title = i18n.t("app.name");
}

syncDocument(i18n.language);
i18n.on("languageChanged", syncDocument);

/**
 * A moment (ISO-8601, as the backend stamps events) in local time, year
 * first like every date in Casebook: `2026-11-26 07:05`. The raw text is
 * returned when it is not a date.
 */
export function formatStamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
