import { getLocalTimeZone, today } from "@internationalized/date";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";
import { renderWithProviders } from "../test/render";
import { CaseForm } from "./CaseForm";
import { rememberNewCaseDraft } from "./formModel";

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return {
    ...actual,
    createCase: vi.fn(),
    updateCase: vi.fn(),
    getCase: vi.fn(),
    listDepartments: vi.fn(),
    listTags: vi.fn(),
    listCases: vi.fn(),
    statusCounts: vi.fn(),
  };
});

const createCase = vi.mocked(backend.createCase);

beforeEach(() => {
  vi.clearAllMocks();
  rememberNewCaseDraft(null);
  vi.mocked(backend.listDepartments).mockResolvedValue(["Neurology"]);
  vi.mocked(backend.listTags).mockResolvedValue(["Facial Twitching"]);
});

function form() {
  return within(screen.getByTestId("case-form"));
}

function input(name: string): HTMLInputElement {
  const el = screen.getByTestId("case-form").querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!el) throw new Error(`no input named ${name}`);
  return el;
}

describe("CaseForm validation", () => {
  it("shows inline errors for empty title and question and sends nothing", async () => {
    const user = userEvent.setup();
    renderWithProviders(<CaseForm caseId={null} />);
    await user.click(screen.getByTestId("save-case"));

    expect(await screen.findByTestId("error-title")).toHaveTextContent("Enter a title.");
    expect(screen.getByTestId("error-body")).toHaveTextContent("Enter the patient’s question.");
    expect(screen.queryByTestId("error-asked_on")).toBeNull();
    expect(input("title")).toHaveAttribute("aria-invalid", "true");
    expect(createCase).not.toHaveBeenCalled();
  });

  it("defaults the asked-on date to today", () => {
    renderWithProviders(<CaseForm caseId={null} />);
    expect(input("asked_on").value).toBe(today(getLocalTimeZone()).toString());
  });

  it("refuses a future asked-on date typed into the date segments", async () => {
    const user = userEvent.setup();
    renderWithProviders(<CaseForm caseId={null} />);
    await user.type(input("title"), "Facial twitching");
    await user.type(input("body"), "Doctor, my nose twitches.");
    const year = form().getAllByRole("spinbutton").find((s) => s.getAttribute("data-type") === "year");
    if (!year) throw new Error("no year segment");
    await user.click(year);
    await user.keyboard("2999");
    expect(input("asked_on").value).toMatch(/^2999-/);

    await user.click(screen.getByTestId("save-case"));
    expect(await screen.findByTestId("error-asked_on")).toHaveTextContent(
      "The asked-on date cannot be in the future.",
    );
    expect(createCase).not.toHaveBeenCalled();
    // What was typed is still there.
    expect(input("title").value).toBe("Facial twitching");
  });

  it("sends a valid question, tags included, as QuestionInput", async () => {
    const user = userEvent.setup();
    createCase.mockResolvedValue({ id: 42 } as backend.CaseDetail);
    renderWithProviders(<CaseForm caseId={null} />);
    await user.type(input("title"), "Facial twitching");
    await user.type(input("body"), "Line one{Enter}Line two");
    await user.type(input("tags"), "Face{Enter}Tremors,");
    await user.selectOptions(input("sex"), "female");
    await user.click(screen.getByTestId("save-case"));

    await waitFor(() => expect(createCase).toHaveBeenCalledTimes(1));
    const sent = createCase.mock.calls[0]?.[0];
    expect(sent).toMatchObject({
      title: "Facial twitching",
      body: "Line one\nLine two",
      sex: "female",
      tags: ["Face", "Tremors"],
      asked_on: today(getLocalTimeZone()).toString(),
    });
    await waitFor(() => expect(window.location.hash).toBe("#/cases/42"));
  });

  it("shows a backend field error inline and keeps the typed text", async () => {
    const user = userEvent.setup();
    createCase.mockRejectedValue(new backend.BackendError("invalid", "Title is too long", "title"));
    renderWithProviders(<CaseForm caseId={null} />);
    await user.type(input("title"), "A title");
    await user.type(input("body"), "A body");
    await user.click(screen.getByTestId("save-case"));

    expect(await screen.findByTestId("error-title")).toHaveTextContent("Title is too long");
    expect(screen.queryByTestId("error-banner")).toBeNull();
    expect(input("title").value).toBe("A title");
    expect(input("body").value).toBe("A body");
  });

  it("shows other backend errors in the banner", async () => {
    const user = userEvent.setup();
    createCase.mockRejectedValue(new backend.BackendError("storage", "Disk is full", null));
    renderWithProviders(<CaseForm caseId={null} />);
    await user.type(input("title"), "A title");
    await user.type(input("body"), "A body");
    await user.click(screen.getByTestId("save-case"));

    expect(await screen.findByTestId("error-banner")).toHaveTextContent("Disk is full");
    expect(input("title").value).toBe("A title");
  });
});

describe("CaseForm draft", () => {
  it("keeps an unsaved new question when the form is left and reopened, until Cancel", async () => {
    const user = userEvent.setup();
    const first = renderWithProviders(<CaseForm caseId={null} />);
    await user.type(input("title"), "Half-typed title");
    first.unmount();

    const second = renderWithProviders(<CaseForm caseId={null} />);
    expect(input("title").value).toBe("Half-typed title");
    await user.click(screen.getByTestId("cancel-case"));
    second.unmount();

    renderWithProviders(<CaseForm caseId={null} />);
    expect(input("title").value).toBe("");
  });
});
