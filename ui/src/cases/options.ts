//! The fixed choices a question offers (sex, age range), shared by the form
//! and the case view so both speak the same values as the backend.
import type { Sex } from "../backend";

export const SEXES: readonly Sex[] = ["female", "male", "other", "unspecified"];

export const AGE_RANGES: readonly string[] = [
  "0-9",
  "10-19",
  "20-29",
  "30-39",
  "40-49",
  "50-59",
  "60-69",
  "70-79",
  "80+",
];

export function isSex(value: string): value is Sex {
  return (SEXES as readonly string[]).includes(value);
}

/**
 * The departments Casebook knows by name, in English and as a hospital in
 * Taiwan writes them. They are suggested in the department field (in the
 * interface language) and a stored department that is one of them is shown
 * in the interface language; what is stored is always what was typed or
 * picked, never rewritten.
 */
export const DEPARTMENTS: ReadonlyArray<{ en: string; "zh-TW": string }> = [
  { en: "Family Medicine", "zh-TW": "家庭醫學科" },
  { en: "Internal Medicine", "zh-TW": "內科" },
  { en: "Neurology", "zh-TW": "神經內科" },
  { en: "Cardiology", "zh-TW": "心臟內科" },
  { en: "Chest Medicine", "zh-TW": "胸腔內科" },
  { en: "Gastroenterology", "zh-TW": "腸胃內科" },
  { en: "Nephrology", "zh-TW": "腎臟內科" },
  { en: "Endocrinology and Metabolism", "zh-TW": "新陳代謝科" },
  { en: "Infectious Diseases", "zh-TW": "感染科" },
  { en: "Rheumatology", "zh-TW": "風濕免疫科" },
  { en: "Hematology and Oncology", "zh-TW": "血液腫瘤科" },
  { en: "General Surgery", "zh-TW": "一般外科" },
  { en: "Neurosurgery", "zh-TW": "神經外科" },
  { en: "Orthopedics", "zh-TW": "骨科" },
  { en: "Urology", "zh-TW": "泌尿科" },
  { en: "Obstetrics and Gynecology", "zh-TW": "婦產科" },
  { en: "Pediatrics", "zh-TW": "小兒科" },
  { en: "Dermatology", "zh-TW": "皮膚科" },
  { en: "Ophthalmology", "zh-TW": "眼科" },
  { en: "Otolaryngology", "zh-TW": "耳鼻喉科" },
  { en: "Psychiatry", "zh-TW": "精神科" },
  { en: "Rehabilitation", "zh-TW": "復健科" },
  { en: "Dentistry", "zh-TW": "牙科" },
  { en: "Emergency Medicine", "zh-TW": "急診醫學科" },
  { en: "Chinese Medicine", "zh-TW": "中醫科" },
];

type DepartmentLanguage = "en" | "zh-TW";

function asDepartmentLanguage(language: string): DepartmentLanguage {
  return language === "zh-TW" ? "zh-TW" : "en";
}

function builtIn(name: string) {
  const key = name.trim().toLocaleLowerCase();
  return DEPARTMENTS.find((d) => d.en.toLocaleLowerCase() === key || d["zh-TW"] === key);
}

/** How a stored department reads in `language`: a known one in that language, any other as stored. */
export function departmentName(stored: string, language: string): string {
  return builtIn(stored)?.[asDepartmentLanguage(language)] ?? stored;
}

export type DepartmentSuggestion = {
  /** What is stored when it is picked. */
  id: string;
  /** What the list shows. */
  label: string;
};

/**
 * The department field's suggestions: every department already in the case
 * book (picked as stored, so one department never splits in two), then the
 * known ones it does not have yet, named in `language`.
 */
export function departmentSuggestions(stored: readonly string[], language: string): DepartmentSuggestion[] {
  const lang = asDepartmentLanguage(language);
  const taken = new Set(stored.map((s) => builtIn(s) ?? s));
  const own = stored.map((s) => ({ id: s, label: departmentName(s, lang) }));
  const known = DEPARTMENTS.filter((d) => !taken.has(d)).map((d) => ({ id: d[lang], label: d[lang] }));
  return [...own, ...known];
}
