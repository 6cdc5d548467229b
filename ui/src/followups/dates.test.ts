import { CalendarDate } from "@internationalized/date";
import { describe, expect, it } from "vitest";
import { isBeforeAsked, parseDay, quickDate } from "./dates";

describe("quick choices", () => {
  it("count from today across month ends and leap days", () => {
    const jan31 = new CalendarDate(2028, 1, 31);
    expect(quickDate(jan31, "in3Days").toString()).toBe("2028-02-03");
    expect(quickDate(jan31, "in1Week").toString()).toBe("2028-02-07");
    expect(quickDate(jan31, "in2Weeks").toString()).toBe("2028-02-14");
    expect(quickDate(jan31, "in1Month").toString()).toBe("2028-02-29");
    expect(quickDate(new CalendarDate(2026, 12, 29), "in1Week").toString()).toBe("2027-01-05");
  });
});

describe("dates", () => {
  it("refuse impossible dates", () => {
    expect(parseDay("2026-02-30")).toBeNull();
    expect(parseDay("2026-2-3")).toBeNull();
    expect(parseDay("2028-02-29")?.toString()).toBe("2028-02-29");
  });
  it("tell a date before the question", () => {
    expect(isBeforeAsked("2023-02-01", "2023-02-02")).toBe(true);
    expect(isBeforeAsked("2023-02-02", "2023-02-02")).toBe(false);
  });
});
