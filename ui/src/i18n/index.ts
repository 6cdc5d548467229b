//! Translation set-up. Every user-visible string goes through `t()`; the
//! resources are en.json and zh-TW.json (Traditional Chinese as used in
//! Taiwan), which have the same keys (a test checks). The language is the
//! clinician's choice kept in the case book, else the system language
//! (`languageFromSystem`); `chooseLanguage` switches it without a restart.
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import zhTW from "./zh-TW.json";

export const resources = {
  en: { translation: en },
  "zh-TW": { translation: zhTW },
} as const;

export type Language = keyof typeof resources;

export const LANGUAGES: readonly Language[] = ["en", "zh-TW"];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The interface language for the system's preferred languages (as
 * `navigator.languages` lists them): the first that is Traditional Chinese
 * (zh-TW, zh-HK, zh-MO, or any zh-Hant) or English decides; anything else,
 * Simplified Chinese included, falls back to English.
 */
export function languageFromSystem(languages: readonly string[]): Language {
  for (const tag of languages) {
    const [primary, ...rest] = tag.toLowerCase().replace(/_/g, "-").split("-");
    if (primary === "en") return "en";
    if (primary !== "zh") continue;
    const script = rest.find((part) => part.length === 4);
    if (script === "hant") return "zh-TW";
    if (script === undefined && rest.some((part) => ["tw", "hk", "mo"].includes(part))) return "zh-TW";
  }
  return "en";
}

/** The value of `lang` on the document, so WebKit picks Traditional Chinese glyphs, not Japanese ones. */
const DOCUMENT_LANG: Record<Language, string> = {
  en: "en",
  "zh-TW": "zh-Hant-TW",
};

/**
 * The locale react-aria uses for date fields and calendars, per language.
 * Casebook shows calendar dates year-first everywhere (clinical records must
 * not be ambiguous), so English uses en-SE: English month and day names with
 * a YYYY-MM-DD short date in every CLDR version. (en-CA, the usual choice,
 * is MM/DD/YYYY in the older ICU that WebKitGTK ships on Debian 12.)
 * zh-TW is year-first already (2026/11/26).
 */
const DATE_LOCALES: Record<Language, string> = {
  en: "en-SE",
  "zh-TW": "zh-TW",
};

export function dateLocaleFor(language: string): string {
  return isLanguage(language) ? DATE_LOCALES[language] : language;
}

// The last choice, remembered in the webview too so that the first paint of
// the next launch is already in that language (the case book's setting,
// read once the backend answers, stays the one that counts).
const REMEMBERED = "casebook.interfaceLanguage";

function remembered(): Language | null {
  try {
    const value = globalThis.localStorage?.getItem(REMEMBERED);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

function systemLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: remembered() ?? languageFromSystem(systemLanguages()),
  fallbackLng: "en",
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
  initAsync: false,
});

/**
 * Shows the interface in the clinician's stored choice, or, with `null`
 * (no choice made), in the system language. Takes effect at once.
 */
export async function chooseLanguage(choice: Language | null): Promise<Language> {
  const language = choice ?? languageFromSystem(systemLanguages());
  try {
    if (choice === null) globalThis.localStorage?.removeItem(REMEMBERED);
    else globalThis.localStorage?.setItem(REMEMBERED, choice);
  } catch {
    // No storage in this webview: the case book's setting still applies.
  }
  if (i18n.language !== language) await i18n.changeLanguage(language);
  return language;
}

/** The language the interface is shown in now. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : "en";
}

function syncDocument(language: string): void {
  if (typeof document === "undefined") return;
  document.documentElement.lang = isLanguage(language) ? DOCUMENT_LANG[language] : language;
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
