//! The case form's state, its own validation (run before anything is sent)
//! and the conversion to the backend's QuestionInput. Kept free of React so it
//! can be tested directly.
import { parseDate, type CalendarDate } from "@internationalized/date";
import type { Question, QuestionInput } from "../backend";
import { isSex } from "./options";

export type FormValues = {
  title: string;
  body: string;
  asker: string;
  sex: string; // "" or a Sex
  age_range: string; // "" or one of AGE_RANGES
  asked_on: CalendarDate | null;
  department: string;
  tags: string[];
  /** Text typed in the tag input but not yet turned into a chip. */
  tagDraft: string;
  source: string;
};

/** Fields the form can show an error next to (the backend's `field` names). */
export const FORM_FIELDS = [
  "title",
  "body",
  "asker",
  "sex",
  "age_range",
  "asked_on",
  "department",
  "tags",
  "source",
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export function isFormField(name: string | null): name is FormField {
  return name !== null && (FORM_FIELDS as readonly string[]).includes(name);
}

/** Error messages per field: i18n keys from the form's own checks, or text from the backend. */
export type FormErrors = Partial<Record<FormField, { key: string } | { text: string }>>;

export function emptyForm(today: CalendarDate): FormValues {
  return {
    title: "",
    body: "",
    asker: "",
    sex: "",
    age_range: "",
    asked_on: today,
    department: "",
    tags: [],
    tagDraft: "",
    source: "",
  };
}

function safeParseDate(value: string): CalendarDate | null {
  try {
    return parseDate(value);
  } catch {
    return null;
  }
}

export function formFromQuestion(question: Question): FormValues {
  return {
    title: question.title,
    body: question.body,
    asker: question.asker ?? "",
    sex: question.sex ?? "",
    age_range: question.age_range ?? "",
    asked_on: safeParseDate(question.asked_on),
    department: question.department ?? "",
    tags: [...question.tags],
    tagDraft: "",
    source: question.source ?? "",
  };
}

/** What separates tags: the ASCII comma, the full-width comma ，, the enumeration comma 、 and the ideographic space. */
const TAG_SEPARATORS = /[,，、\u3000]/;

export function hasTagSeparator(text: string): boolean {
  return TAG_SEPARATORS.test(text);
}

/** Splits typed tag text on the separators and adds the new, non-empty ones. */
export function addTags(tags: readonly string[], text: string): string[] {
  const next = [...tags];
  for (const part of text.split(TAG_SEPARATORS)) {
    const tag = part.trim();
    if (tag !== "" && !next.some((t) => t.toLocaleLowerCase() === tag.toLocaleLowerCase())) {
      next.push(tag);
    }
  }
  return next;
}

/** The form's own checks. An empty result means the form may be sent. */
export function validate(values: FormValues, today: CalendarDate): FormErrors {
  const errors: FormErrors = {};
  if (values.title.trim() === "") errors.title = { key: "validation.titleRequired" };
  if (values.body.trim() === "") errors.body = { key: "validation.bodyRequired" };
  if (values.asked_on === null) {
    errors.asked_on = { key: "validation.askedOnRequired" };
  } else if (values.asked_on.compare(today) > 0) {
    errors.asked_on = { key: "validation.askedOnFuture" };
  }
  return errors;
}

function optional(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}

/** Builds what the backend stores. Call only after `validate` returned no errors. */
export function toQuestionInput(values: FormValues): QuestionInput {
  if (values.asked_on === null) throw new Error("toQuestionInput called without an asked-on date");
  return {
    title: values.title.trim(),
    // The body keeps its own line breaks and indentation; only the ends are trimmed.
    body: values.body.replace(/^\s*\n/, "").trimEnd(),
    asker: optional(values.asker),
    sex: isSex(values.sex) ? values.sex : null,
    age_range: optional(values.age_range),
    asked_on: values.asked_on.toString(),
    department: optional(values.department),
    tags: addTags(values.tags, values.tagDraft),
    source: optional(values.source),
  };
}

/**
 * What was typed into the New question form but not saved, kept for the
 * session so that leaving the form by accident loses nothing. Cleared on a
 * successful save and on Cancel.
 */
let newCaseDraft: FormValues | null = null;

export function recallNewCaseDraft(): FormValues | null {
  return newCaseDraft;
}

export function rememberNewCaseDraft(values: FormValues | null): void {
  newCaseDraft = values;
}
