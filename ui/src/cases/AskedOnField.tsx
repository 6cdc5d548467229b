//! The asked-on date: a react-aria DatePicker whose day, month and year
//! segments can be typed, with a calendar popover for the mouse.
import type { CalendarDate } from "@internationalized/date";
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
    <DatePicker
      className="field"
      data-field="asked_on"
      name="asked_on"
      value={value}
      onChange={onChange}
      maxValue={maxValue}
      isInvalid={error !== null}
      isRequired
      validationBehavior="aria"
      granularity="day"
      shouldForceLeadingZeros
    >
      <Label>{t("form.askedOn")}</Label>
      <Group className="date-group">
        <DateInput className="date-input" data-testid="asked-on-input">
          {(segment) => <DateSegment className="date-segment" segment={segment} />}
        </DateInput>
        <Button className="combo-button" aria-label={t("form.openCalendar")}>
          ▾
        </Button>
      </Group>
      {error !== null && (
        <Text slot="errorMessage" className="field-error" id={errorId("asked_on")} data-testid="error-asked_on">
          {error}
        </Text>
      )}
      <Popover className="popover">
        <Dialog className="calendar-dialog" aria-label={t("form.askedOn")}>
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
