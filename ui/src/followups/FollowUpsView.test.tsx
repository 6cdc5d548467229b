import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";
import type { DueItem, DueList } from "../backend";
import { renderWithProviders } from "../test/render";
import { FollowUpsNav } from "./FollowUpsNav";
import { FollowUpsView } from "./FollowUpsView";

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return {
    ...actual,
    dueList: vi.fn(),
    dueCounts: vi.fn(),
    setFollowUpState: vi.fn(),
    reminderSettings: vi.fn(),
    setReminderSettings: vi.fn(),
  };
});

function item(id: number, due_on: string, extra: Partial<DueItem> = {}): DueItem {
  return {
    id,
    case_id: 100 + id,
    case_title: `Case title ${id}`,
    asker: "A Tian",
    department: "Neurology",
    due_on,
    due_time: null,
    reason: `reason ${id}`,
    state: "pending",
    ...extra,
  };
}

const LIST: DueList = {
  today: "2026-03-01",
  groups: [
    { bucket: "overdue", total: 3, items: [item(1, "2026-02-20", { reason: "<b>check</b>" })] },
    { bucket: "today", total: 1, items: [item(2, "2026-03-01", { due_time: "09:30", asker: null })] },
    { bucket: "this_week", total: 0, items: [] },
    { bucket: "later", total: 0, items: [] },
    { bucket: "done", total: 1, items: [item(4, "2026-02-01", { state: "done" })] },
  ],
};

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(backend.dueList).mockResolvedValue(LIST);
  vi.mocked(backend.dueCounts).mockResolvedValue({ overdue: 3, today: 1 });
  vi.mocked(backend.reminderSettings).mockResolvedValue({ notifications: true });
  vi.mocked(backend.setReminderSettings).mockImplementation((s) => Promise.resolve(s));
  vi.mocked(backend.setFollowUpState).mockResolvedValue({} as backend.FollowUp);
});

describe("FollowUpsView", () => {
  it("shows each bucket with its rows, case details and a link to the case", async () => {
    renderWithProviders(<FollowUpsView />);
    const overdue = await screen.findByTestId("bucket-overdue");
    expect(within(overdue).getByTestId("bucket-count-overdue")).toHaveTextContent("3");
    const row = within(overdue).getByTestId("due-row");
    expect(row).toHaveTextContent("Case title 1");
    expect(row).toHaveTextContent("A Tian · Neurology · Case 101");
    expect(within(row).getByText("<b>check</b>")).toBeInTheDocument(); // text, not HTML
    expect(within(row).getByTestId("due-row-link")).toHaveAttribute("href", "#/cases/101");
    expect(within(overdue).getByText("and 2 more")).toBeInTheDocument();

    const today = screen.getByTestId("bucket-today");
    expect(today).toHaveTextContent("09:30");
    expect(today).toHaveTextContent("Anonymous");
    expect(within(screen.getByTestId("bucket-this_week")).getByText("Nothing here.")).toBeInTheDocument();
    expect(within(screen.getByTestId("bucket-done")).queryByTestId("due-mark-done")).toBeNull();
  });

  it("marks a follow-up done and turns reminders off", async () => {
    const user = userEvent.setup();
    renderWithProviders(<FollowUpsView />);
    const overdue = await screen.findByTestId("bucket-overdue");
    await user.click(within(overdue).getByTestId("due-mark-done"));
    expect(backend.setFollowUpState).toHaveBeenCalledWith(1, "done");

    const toggle = within(screen.getByTestId("notifications-toggle")).getByRole("switch");
    await vi.waitFor(() => expect(toggle).not.toBeDisabled());
    expect(toggle).toBeChecked();
    await user.click(toggle);
    expect(backend.setReminderSettings).toHaveBeenCalledWith({ notifications: false });
  });
});

describe("FollowUpsNav", () => {
  it("shows the overdue and today counts", async () => {
    renderWithProviders(<FollowUpsNav />);
    expect(await screen.findByText("3")).toHaveAttribute("data-testid", "count-overdue");
    expect(screen.getByTestId("count-today")).toHaveTextContent("1");
    expect(screen.getByTestId("nav-follow-ups")).toHaveAttribute("href", "#/follow-ups");
  });
});
