//! Settings → Security: when the window locks itself, a new passphrase, and
//! the book's access trail (set-up, unlocks, locks).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import "./access.css";
import { changePassphrase, type AccessEvent, type BackendError } from "../backend";
import { formatStamp } from "../i18n";
import { NewPassphraseFields, PassphraseError, PassphraseField, SubmitButton } from "./PassphraseField";
import { clearRecoveryNotice, recoveryCodeWasUsed } from "./recoveryNotice";
import { accessKeys, useAccessEvents, useLockSettings, useSetLockSettings } from "./queries";

/** The lock times offered, in minutes. */
const LOCK_CHOICES = [1, 5, 10, 15, 30, 60, 120] as const;
const NEVER = "never";

export function SecuritySettings() {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="panel security-settings" aria-labelledby={`${id}-heading`} data-testid="security-settings">
      <h2 id={`${id}-heading`}>{t("access.settings.heading")}</h2>
      <p className="hint">{t("access.settings.encrypted")}</p>
      <LockTime />
      <PassphraseForm />
      <AccessTrail />
    </section>
  );
}

function LockTime() {
  const { t } = useTranslation();
  const id = useId();
  const settings = useLockSettings();
  const save = useSetLockSettings();
  // "Never" takes a second, deliberate step.
  const [confirmingNever, setConfirmingNever] = useState(false);
  const error = save.error as BackendError | null;
  const minutes = settings.data?.minutes;
  const value = confirmingNever || minutes === null ? NEVER : String(minutes ?? "");
  return (
    <div className="field">
      <label htmlFor={id}>{t("access.settings.lockAfter")}</label>
      <select
        id={id}
        data-testid="lock-after"
        value={value}
        disabled={!settings.data || save.isPending}
        onChange={(e) => {
          if (e.target.value === NEVER) {
            setConfirmingNever(true);
            return;
          }
          setConfirmingNever(false);
          save.mutate({ minutes: Number(e.target.value) });
        }}
      >
        {LOCK_CHOICES.map((m) => (
          <option key={m} value={String(m)}>
            {t("access.settings.minutes", { count: m })}
          </option>
        ))}
        <option value={NEVER}>{t("access.settings.never")}</option>
      </select>
      {confirmingNever && minutes !== null && (
        <div className="notice" role="alert" data-testid="lock-never-warning">
          <p>{t("access.settings.neverWarning")}</p>
          <button
            type="button"
            className="button button-danger"
            data-testid="lock-never-confirm"
            onClick={() => save.mutate({ minutes: null }, { onSuccess: () => setConfirmingNever(false) })}
          >
            {t("access.settings.neverConfirm")}
          </button>
        </div>
      )}
      {minutes === null && !confirmingNever && (
        <p className="notice" data-testid="lock-never-on">
          {t("access.settings.neverOn")}
        </p>
      )}
      <p className="hint">{t("access.settings.lockHint")}</p>
      {error && <span className="field-error">{error.message}</span>}
    </div>
  );
}

function PassphraseForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const [afterRecovery, setAfterRecovery] = useState(recoveryCodeWasUsed);
  const save = useMutation({
    mutationFn: () => changePassphrase(current, next),
    onSuccess: () => {
      setCurrent("");
      setNext("");
      setRepeat("");
      setDone(true);
      clearRecoveryNotice();
      setAfterRecovery(false);
      void client.invalidateQueries({ queryKey: accessKeys.events });
    },
  });
  const error = save.error as BackendError | null;
  return (
    <form
      className="passphrase-form"
      data-testid="passphrase-form"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(false);
        if (next !== repeat) {
          setMismatch(true);
          return;
        }
        setMismatch(false);
        save.mutate();
      }}
    >
      <h3>{t("access.settings.changeHeading")}</h3>
      {afterRecovery && (
        <p className="notice" data-testid="recovery-used">
          {t("access.settings.afterRecovery")}
        </p>
      )}
      <PassphraseField
        label={t("access.settings.current")}
        testId="passphrase-current"
        value={current}
        onChange={setCurrent}
        autoComplete="current-password"
        invalid={error?.field === "current"}
      />
      <NewPassphraseFields
        label={t("access.settings.new")}
        testId="passphrase-new"
        repeatTestId="passphrase-repeat"
        value={next}
        repeat={repeat}
        onChange={setNext}
        onRepeatChange={setRepeat}
        invalid={error?.field === "new"}
        mismatch={mismatch}
      />
      <PassphraseError mismatch={mismatch} message={error?.message} testId="passphrase-error" />
      {done && (
        <p className="saved" role="status" data-testid="passphrase-changed">
          {t("access.settings.changed")}
        </p>
      )}
      <SubmitButton
        testId="passphrase-submit"
        busy={save.isPending}
        empty={current === "" || next === ""}
        label={t("access.settings.change")}
        busyLabel={t("access.settings.changing")}
      />
    </form>
  );
}

function AccessTrail() {
  const { t } = useTranslation();
  const events = useAccessEvents();
  return (
    <div className="access-trail">
      <h3>{t("access.settings.trailHeading")}</h3>
      {events.data && events.data.length === 0 && <p className="hint">{t("access.settings.trailEmpty")}</p>}
      {events.data && events.data.length > 0 && (
        <ol className="access-events" data-testid="access-events">
          {events.data.slice(0, 12).map((event) => (
            <li key={event.id}>
              <time dateTime={event.at}>{formatStamp(event.at)}</time> <span>{describe(t, event)}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

type T = ReturnType<typeof useTranslation>["t"];

function describe(t: T, event: AccessEvent): string {
  if (event.kind === "restored") return t("access.trail.restoredFrom", { date: formatStamp(event.detail) });
  const detail = event.detail ? t(`access.trail.detail.${event.detail}`, { defaultValue: "" }) : "";
  const what = t(`access.trail.${event.kind}`);
  return detail ? t("access.trail.withDetail", { what, detail }) : what;
}
