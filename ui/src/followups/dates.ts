//! Date helpers for follow-ups: the quick choices ("in 1 week"…) relative to
//! the clinician's local today, and the plain comparisons the dialog needs.
//! Dates cross IPC as `YYYY-MM-DD` text, which sorts like the dates.
import { CalendarDate, getLocalTimeZone, parseDate, today } from "@internationalized/date";

export type QuickChoice = "in3Days" | "in1Week" | "in2Weeks" | "in1Month";

export const QUICK_CHOICES: readonly QuickChoice[] = ["in3Days", "in1Week", "in2Weeks", "in1Month"];

export function localToday(): CalendarDate {
  return today(getLocalTimeZone());
}

/** The date a quick choice means, counted from `from`. A month from 31 January is 28/29 February. */
export function quickDate(from: CalendarDate, choice: QuickChoice): CalendarDate {
  switch (choice) {
    case "in3Days":
      return from.add({ days: 3 });
    case "in1Week":
      return from.add({ weeks: 1 });
    case "in2Weeks":
      return from.add({ weeks: 2 });
    case "in1Month":
      return from.add({ months: 1 });
  }
}

/** Parses `YYYY-MM-DD`, or null when it is not a real date. */
export function parseDay(text: string): CalendarDate | null {
  try {
    const date = parseDate(text);
    return date.toString() === text ? date : null;
  } catch {
    return null;
  }
}

/** True when the follow-up would be due before the question was asked. */
export function isBeforeAsked(dueOn: string, askedOn: string): boolean {
  return dueOn < askedOn;
}
