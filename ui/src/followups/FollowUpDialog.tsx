//! Add or edit a follow-up: a due date (typed, picked, or one of the quick
//! choices relative to today), an optional time and a reason. A date before
//! the question was asked is almost always a slip, so it is kept only after
//! the clinician confirms it here (the backend refuses it otherwise).
import type { CalendarDate, Time } from "@internationalized/date";
import { parseTime } from "@internationalized/date";
import { useId, useState, type FormEvent } from "react";
import {
  Button,
  DateInput,
  DateSegment,
  Dialog,
  Heading,
  Label,
  Modal,
  ModalOverlay,
  TimeField,
} from "react-aria-components";
import { useTranslation } from "react-i18next";
import { DateField } from "../app/DateField";
import { reportError } from "../app/errorBanner";
import { useImeGuard } from "../app/ime";
import { BackendError, type FollowUp } from "../backend";
import { QUICK_CHOICES, isBeforeAsked, localToday, parseDay, quickDate } from "./dates";
import { useSaveFollowUp } from "./queries";

type Props = {
  caseId: number;
  /** When the question was asked (`YYYY-MM-DD`). */
  askedOn: string;
  /** The follow-up to edit, or null to add one. */
  existing: FollowUp | null;
  onClose: () => void;
};

type Errors = Partial<Record<"due_on" | "due_time" | "reason", string>>;

export function FollowUpDialog({ caseId, askedOn, existing, onClose }: Props) {
  const { t } = useTranslation();
  const imeGuard = useImeGuard();
  const [dueOn, setDueOn] = useState<CalendarDate | null>(existing ? parseDay(existing.due_on) : null);
  const [dueTime, setDueTime] = useState<Time | null>(
    existing?.due_time ? parseTime(existing.due_time) : null,
  );
  const [reason, setReason] = useState(existing?.reason ?? "");
  const [errors, setErrors] = useState<Errors>({});
  const [confirming, setConfirming] = useState(false);
  const save = useSaveFollowUp(caseId, existing?.id ?? null);
  const reasonId = useId();
  const today = localToday();

  const submit = (confirmBeforeAsked: boolean) => {
    if (dueOn === null) {
      setErrors({ due_on: t("followups.dateRequired") });
      return;
    }
    const due = dueOn.toString();
    if (isBeforeAsked(due, askedOn) && !confirmBeforeAsked) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    const time = dueTime ? dueTime.toString().slice(0, 5) : null;
    save.mutate(
      { due_on: due, due_time: time, reason, confirm_before_asked: confirmBeforeAsked },
      {
        onSuccess: onClose,
        onError: (error) => {
          const field = error instanceof BackendError ? error.field : null;
          if (field === "due_on" || field === "due_time" || field === "reason") {
            setErrors({ [field]: error.message });
          } else {
            reportError(error);
          }
        },
      },
    );
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!save.isPending) submit(false);
  };

  return (
    <ModalOverlay className="modal-overlay" isOpen isDismissable onOpenChange={(open) => !open && onClose()}>
      <Modal className="modal follow-up-modal">
        <Dialog className="dialog" data-testid="follow-up-dialog">
          <Heading slot="title">{existing ? t("followups.editTitle") : t("followups.addTitle")}</Heading>
          {confirming && dueOn !== null ? (
            <div className="follow-up-confirm" role="alert" data-testid="before-asked-confirm">
              <p>{t("followups.beforeAsked", { due: dueOn.toString(), asked: askedOn })}</p>
              <div className="button-row">
                <Button className="button" onPress={() => setConfirming(false)} autoFocus>
                  {t("followups.changeDate")}
                </Button>
                <Button
                  className="button button-primary"
                  data-testid="confirm-before-asked"
                  onPress={() => submit(true)}
                >
                  {t("followups.keepDate")}
                </Button>
              </div>
            </div>
          ) : (
            <form className="follow-up-form" noValidate onSubmit={onSubmit} {...imeGuard}>
              <DateField
                label={t("followups.dueOn")}
                value={dueOn}
                onChange={(value) => {
                  setDueOn(value);
                  setErrors({});
                }}
                isRequired
                error={errors.due_on ?? null}
                errorTestId="error-due_on"
                testId="follow-up-date"
              />
              <div className="quick-choices" role="group" aria-label={t("followups.quickChoices")}>
                {QUICK_CHOICES.map((choice) => (
                  <Button
                    key={choice}
                    className="button button-small"
                    data-testid={`quick-${choice}`}
                    onPress={() => {
                      setDueOn(quickDate(today, choice));
                      setErrors({});
                    }}
                  >
                    {t(`followups.quick.${choice}`)}
                  </Button>
                ))}
              </div>
              <TimeField
                className="field"
                value={dueTime}
                onChange={setDueTime}
                hourCycle={24}
                shouldForceLeadingZeros
                isInvalid={errors.due_time !== undefined}
              >
                <Label>{t("followups.dueTime")}</Label>
                <DateInput className="date-input date-group" data-testid="follow-up-time">
                  {(segment) => <DateSegment className="date-segment" segment={segment} />}
                </DateInput>
              </TimeField>
              {errors.due_time && (
                <p className="field-error" data-testid="error-due_time">
                  {errors.due_time}
                </p>
              )}
              <div className="field">
                <label htmlFor={reasonId}>{t("followups.reason")}</label>
                <textarea
                  id={reasonId}
                  name="reason"
                  className="follow-up-reason"
                  value={reason}
                  placeholder={t("followups.reasonPlaceholder")}
                  onChange={(e) => setReason(e.target.value)}
                  aria-invalid={errors.reason ? true : undefined}
                />
              </div>
              {errors.reason && (
                <p className="field-error" data-testid="error-reason">
                  {errors.reason}
                </p>
              )}
              <div className="button-row">
                <Button className="button" onPress={onClose}>
                  {t("form.cancel")}
                </Button>
                <Button
                  type="submit"
                  className="button button-primary"
                  data-testid="save-follow-up"
                  isDisabled={save.isPending}
                >
                  {t("followups.save")}
                </Button>
              </div>
            </form>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
