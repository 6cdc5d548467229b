//! The message shown next to a form field, from the form's own checks or from
//! the backend's `field` errors.
import { useTranslation } from "react-i18next";
import type { FormErrors, FormField } from "./formModel";

export function errorId(field: FormField): string {
  return `case-form-error-${field}`;
}

export function useErrorText(errors: FormErrors) {
  const { t } = useTranslation();
  return (field: FormField): string | null => {
    const error = errors[field];
    if (!error) return null;
    return "key" in error ? t(error.key) : error.text;
  };
}

export function FieldError({ field, text }: { field: FormField; text: string | null }) {
  if (text === null) return null;
  return (
    <p className="field-error" id={errorId(field)} data-testid={`error-${field}`}>
      {text}
    </p>
  );
}
