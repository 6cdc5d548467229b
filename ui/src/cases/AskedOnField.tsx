//! The asked-on date: required, never in the future.
import type { CalendarDate } from "@internationalized/date";
import { useTranslation } from "react-i18next";
import { DateField } from "../app/DateField";
import { errorId } from "./FieldError";

type Props = {
  value: CalendarDate | null;
  maxValue: CalendarDate;
  error: string | null;
  onChange: (value: CalendarDate | null) => void;
};

export function AskedOnField({ value, maxValue, error, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <DateField
      label={t("form.askedOn")}
      value={value}
      onChange={onChange}
      maxValue={maxValue}
      isRequired
      error={error}
      errorId={errorId("asked_on")}
      errorTestId="error-asked_on"
      name="asked_on"
      dataField="asked_on"
      testId="asked-on-input"
    />
  );
}
