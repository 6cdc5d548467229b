import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";
import type { FollowUp } from "../backend";
import { renderWithProviders } from "../test/render";
import { CaseFollowUps } from "./CaseFollowUps";
import { localToday } from "./dates";

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return {
    ...actual,
    listFollowUps: vi.fn(),
    addFollowUp: vi.fn(),
    updateFollowUp: vi.fn(),
    setFollowUpState: vi.fn(),
  };
});

function followUp(extra: Partial<FollowUp> = {}): FollowUp {
  return {
    id: 7,
    case_id: 5,
    due_on: "2023-02-09",
    due_time: null,
    reason: "check twitching",
    state: "pending",
    created_at: "2023-02-02T10:00:00Z",
    updated_at: "2023-02-02T10:00:00Z",
    history: [],
    ...extra,
  };
}

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(backend.listFollowUps).mockResolvedValue([]);
  vi.mocked(backend.addFollowUp).mockResolvedValue(followUp());
  vi.mocked(backend.setFollowUpState).mockResolvedValue(followUp({ state: "done" }));
});

describe("CaseFollowUps", () => {
  it("adds a follow-up one week from today with a quick choice", async () => {
    const user = userEvent.setup();
    renderWithProviders(<CaseFollowUps caseId={5} askedOn="2023-02-02" />);
    await user.click(await screen.findByTestId("add-follow-up"));
    await user.click(screen.getByTestId("quick-in1Week"));
    await user.type(screen.getByRole("textbox", { name: "Reason" }), "see if it settled");
    await user.click(screen.getByTestId("save-follow-up"));
    expect(backend.addFollowUp).toHaveBeenCalledWith(5, {
      due_on: localToday().add({ weeks: 1 }).toString(),
      due_time: null,
      reason: "see if it settled",
      confirm_before_asked: false,
    });
    await vi.waitFor(() => expect(screen.queryByTestId("follow-up-dialog")).toBeNull());
  });

  it("asks before keeping a date before the question was asked", async () => {
    const user = userEvent.setup();
    vi.mocked(backend.listFollowUps).mockResolvedValue([followUp({ due_on: "2023-02-09" })]);
    vi.mocked(backend.updateFollowUp).mockResolvedValue(followUp());
    renderWithProviders(<CaseFollowUps caseId={5} askedOn="2023-02-10" />);
    await user.click(await screen.findByTestId("edit-follow-up"));
    await user.click(screen.getByTestId("save-follow-up"));
    expect(await screen.findByTestId("before-asked-confirm")).toHaveTextContent(
      "2023-02-09 is before the question was asked (2023-02-10)",
    );
    expect(backend.updateFollowUp).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("confirm-before-asked"));
    expect(backend.updateFollowUp).toHaveBeenCalledWith(7, {
      due_on: "2023-02-09",
      due_time: null,
      reason: "check twitching",
      confirm_before_asked: true,
    });
  });

  it("shows the backend's message next to the field", async () => {
    const user = userEvent.setup();
    vi.mocked(backend.addFollowUp).mockRejectedValue(
      new backend.BackendError("invalid", "The reason is longer than 1000 characters.", "reason"),
    );
    renderWithProviders(<CaseFollowUps caseId={5} askedOn="2023-02-02" />);
    await user.click(await screen.findByTestId("add-follow-up"));
    await user.click(screen.getByTestId("quick-in3Days"));
    await user.click(screen.getByTestId("save-follow-up"));
    expect(await screen.findByTestId("error-reason")).toHaveTextContent("longer than 1000");
    expect(screen.getByTestId("follow-up-dialog")).toBeInTheDocument();
  });

  it("lists follow-ups with their earlier dates and state actions", async () => {
    const user = userEvent.setup();
    vi.mocked(backend.listFollowUps).mockResolvedValue([
      followUp({
        history: [
          { from_on: "2023-02-05", from_time: null, to_on: "2023-02-09", to_time: null, changed_at: "2023-02-04T08:00:00Z" },
        ],
      }),
      followUp({ id: 8, state: "done", reason: "first check" }),
    ]);
    renderWithProviders(<CaseFollowUps caseId={5} askedOn="2023-02-02" />);
    const rows = await screen.findAllByTestId("follow-up-row");
    expect(rows[0]).toHaveTextContent("Moved from 2023-02-05 to 2023-02-09 on 2023-02-04");
    expect(within(rows[1]!).getByTestId("reopen-follow-up")).toBeInTheDocument();
    await user.click(within(rows[0]!).getByTestId("mark-done"));
    expect(backend.setFollowUpState).toHaveBeenCalledWith(7, "done");
  });
});
