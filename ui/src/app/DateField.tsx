//! One calendar date, the same everywhere in Casebook: a react-aria
//! DatePicker whose day, month and year segments can be typed (year first,
//! see i18n), with a calendar popover for the mouse. Used for the asked-on
//! date, follow-up due dates and the date filters of search and export.
import { parseDate, type CalendarDate } from "@internationalized/date";
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog,
  Group,
  Heading,
  Label,
  Popover,
  Text,
} from "react-aria-components";
import { useTranslation } from "react-i18next";

type Props = {
  label: string;
  value: CalendarDate | null;
  onChange: (value: CalendarDate | null) => void;
  /** data-testid of the typed segments' group. */
  testId: string;
  maxValue?: CalendarDate;
  isRequired?: boolean;
  /** A message to show under the field (and mark it invalid). */
  error?: string | null;
  /** The message's id and test id, when a form links to it. */
  errorId?: string;
  errorTestId?: string;
  name?: string;
  dataField?: string;
};

export function DateField({
  label,
  value,
  onChange,
  testId,
  maxValue,
  isRequired = false,
  error = null,
  errorId,
  errorTestId,
  name,
  dataField,
}: Props) {
  const { t } = useTranslation();
  return (
    <DatePicker
      className="field"
      data-field={dataField}
      name={name}
      value={value}
      onChange={onChange}
      maxValue={maxValue}
      isInvalid={error !== null}
      isRequired={isRequired}
      validationBehavior="aria"
      granularity="day"
      shouldForceLeadingZeros
    >
      <Label>{label}</Label>
      <Group className="date-group">
        <DateInput className="date-input" data-testid={testId}>
          {(segment) => <DateSegment className="date-segment" segment={segment} />}
        </DateInput>
        <Button className="combo-button" aria-label={t("form.openCalendar")}>
          ▾
        </Button>
      </Group>
      {error !== null && (
        <Text slot="errorMessage" className="field-error" id={errorId} data-testid={errorTestId}>
          {error}
        </Text>
      )}
      <Popover className="popover">
        <Dialog className="calendar-dialog" aria-label={label}>
          <Calendar className="calendar">
            <header className="calendar-header">
              <Button slot="previous" aria-label={t("form.previousMonth")}>
                ‹
              </Button>
              <Heading />
              <Button slot="next" aria-label={t("form.nextMonth")}>
                ›
              </Button>
            </header>
            <CalendarGrid>{(date) => <CalendarCell className="calendar-cell" date={date} />}</CalendarGrid>
          </Calendar>
        </Dialog>
      </Popover>
    </DatePicker>
  );
}

/** A `YYYY-MM-DD` string as a date (null when empty or not a date). */
export function dayOrNull(text: string | null | undefined): CalendarDate | null {
  if (!text) return null;
  try {
    return parseDate(text);
  } catch {
    return null;
  }
}
