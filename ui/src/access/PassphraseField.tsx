//! The parts of the set-up, lock and security screens' passphrase forms: a
//! passphrase input with its label (and hint), the pair a new passphrase is
//! typed in twice, the refusal under them, and the submit button.
import { useTranslation } from "react-i18next";

type FieldProps = {
  label: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  /** `new-password` where one is chosen, `current-password` where one is typed. */
  autoComplete: "new-password" | "current-password";
  invalid?: boolean;
  hint?: string;
  autoFocus?: boolean;
};

export function PassphraseField({ label, testId, value, onChange, autoComplete, invalid, hint, autoFocus }: FieldProps) {
  return (
    <label className="field">
      {label}
      <input
        type="password"
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        data-testid={testId}
        value={value}
        aria-invalid={invalid ?? false}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && <span className="hint">{hint}</span>}
    </label>
  );
}

type NewProps = {
  label: string;
  testId: string;
  repeatTestId: string;
  value: string;
  repeat: string;
  onChange: (value: string) => void;
  onRepeatChange: (value: string) => void;
  /** The backend refused the passphrase itself. */
  invalid: boolean;
  mismatch: boolean;
  autoFocus?: boolean;
};

/** A new passphrase, typed twice. */
export function NewPassphraseFields(props: NewProps) {
  const { t } = useTranslation();
  return (
    <>
      <PassphraseField
        label={props.label}
        testId={props.testId}
        value={props.value}
        onChange={props.onChange}
        autoComplete="new-password"
        invalid={props.invalid}
        hint={t("access.setUp.passphraseHint")}
        autoFocus={props.autoFocus}
      />
      <PassphraseField
        label={t("access.setUp.repeat")}
        testId={props.repeatTestId}
        value={props.repeat}
        onChange={props.onRepeatChange}
        autoComplete="new-password"
        invalid={props.mismatch}
      />
    </>
  );
}

/** The refusal under a passphrase form: the two differ, or what the backend said. */
export function PassphraseError({ mismatch, message, testId }: { mismatch: boolean; message?: string; testId: string }) {
  const { t } = useTranslation();
  const text = mismatch ? t("access.setUp.mismatch") : message;
  if (!text) return null;
  return (
    <p className="field-error" role="alert" data-testid={testId}>
      {text}
    </p>
  );
}

type SubmitProps = {
  testId: string;
  /** The passphrase work (about a second) is running. */
  busy: boolean;
  /** Nothing typed yet. */
  empty: boolean;
  label: string;
  busyLabel: string;
  primary?: boolean;
};

/** A passphrase form's submit button, which says when it is working. */
export function SubmitButton({ testId, busy, empty, label, busyLabel, primary }: SubmitProps) {
  return (
    <button
      type="submit"
      className={primary ? "button button-primary" : "button"}
      data-testid={testId}
      disabled={busy || empty}
    >
      {busy ? busyLabel : label}
    </button>
  );
}
