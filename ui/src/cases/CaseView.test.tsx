import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";
import type { CaseDetail } from "../backend";
import { renderWithProviders } from "../test/render";
import { CaseView } from "./CaseView";

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return {
    ...actual,
    getCase: vi.fn(),
    deleteCase: vi.fn(),
    listCases: vi.fn(),
    statusCounts: vi.fn(),
    listFollowUps: vi.fn(() => Promise.resolve([])),
  };
});

const getCase = vi.mocked(backend.getCase);
const deleteCase = vi.mocked(backend.deleteCase);

const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1">';
const HOSTILE_BODY = 'Doctor,\n<script>window.__pwned=1</script>\n  <b>bold?</b> & "quotes"';

function detail(extra: Partial<CaseDetail> = {}): CaseDetail {
  return {
    id: 5,
    status: "new",
    question: {
      title: "Facial twitching",
      body: "Doctor, I started experiencing muscle twitching.\nThank you.",
      asker: "A Tian",
      sex: "female",
      age_range: "30-39",
      asked_on: "2023-02-02",
      department: "Neurology",
      tags: ["Facial Twitching", "Eyelid Twitching"],
      source: "web form",
      external_id: "medquad:0000001_1-1",
    },
    reply: null,
    created_at: "2023-02-02T10:00:00Z",
    updated_at: "2023-02-02T10:00:00Z",
    ...extra,
  };
}

beforeEach(() => vi.clearAllMocks());

describe("CaseView", () => {
  it("renders patient text as literal text, never as HTML", async () => {
    getCase.mockResolvedValue(
      detail({ question: { ...detail().question, title: HOSTILE_TITLE, body: HOSTILE_BODY, asker: "<i>x</i>" } }),
    );
    const { container } = renderWithProviders(<CaseView caseId={5} />);

    expect(await screen.findByTestId("case-title")).toHaveTextContent(HOSTILE_TITLE);
    const body = screen.getByTestId("case-body");
    expect(body.textContent).toBe(HOSTILE_BODY);
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
    expect(container.querySelector("i")).toBeNull();
    expect(screen.getByText("<i>x</i>")).toBeInTheDocument();
    expect((window as unknown as Record<string, unknown>).__pwned).toBeUndefined();
  });

  it("shows the question's details, tags as chips, and Edit/Delete without a reply", async () => {
    getCase.mockResolvedValue(detail());
    renderWithProviders(<CaseView caseId={5} />);
    const view = await screen.findByTestId("case-view");
    expect(view).toHaveTextContent("A Tian");
    expect(view).toHaveTextContent("Female");
    expect(view).toHaveTextContent("30-39");
    expect(view).toHaveTextContent("medquad:0000001_1-1");
    expect(screen.getByTestId("case-tags").querySelectorAll("li")).toHaveLength(2);
    expect(screen.getByTestId("edit-case")).toHaveAttribute("href", "#/cases/5/edit");
    expect(screen.getByTestId("delete-case")).toBeInTheDocument();
    expect(screen.queryByTestId("case-reply")).toBeNull();
  });

  it("shows the reply with signature and more info, and hides Edit/Delete", async () => {
    getCase.mockResolvedValue(
      detail({
        status: "answered",
        reply: {
          body: "Hello Mr.\nTian: <script>x</script>",
          clinician: "Dr. Jiang Junyi",
          affiliation: "Taoyuan Medical Center",
          signature: "Dr.\nJiang Junyi, Taoyuan Medical Center, cares about you.",
          replied_on: "2023-02-02",
          more_info: "Facial twitching, also known as facial spasms…",
          locked_at: "2023-02-02T12:00:00Z",
        },
      }),
    );
    const { container } = renderWithProviders(<CaseView caseId={5} />);
    const reply = await screen.findByTestId("case-reply");
    expect(reply).toHaveTextContent("Dr. Jiang Junyi");
    expect(reply).toHaveTextContent("Taoyuan Medical Center");
    expect(screen.getByTestId("reply-body").textContent).toBe("Hello Mr.\nTian: <script>x</script>");
    expect(screen.getByTestId("reply-signature")).toHaveTextContent("cares about you.");
    expect(screen.getByTestId("reply-more-info")).toHaveTextContent("More info");
    expect(container.querySelector("script")).toBeNull();
    expect(screen.queryByTestId("edit-case")).toBeNull();
    expect(screen.queryByTestId("delete-case")).toBeNull();
  });

  it("deletes only after confirmation, then returns to the inbox", async () => {
    const user = userEvent.setup();
    getCase.mockResolvedValue(detail());
    deleteCase.mockResolvedValue(undefined);
    window.location.hash = "#/cases/5";
    renderWithProviders(<CaseView caseId={5} />);

    await user.click(await screen.findByTestId("delete-case"));
    expect(deleteCase).not.toHaveBeenCalled();
    await user.click(await screen.findByTestId("confirm-delete"));
    await waitFor(() => expect(deleteCase).toHaveBeenCalledWith(5));
    await waitFor(() => expect(window.location.hash).toBe("#/"));
  });

  it("shows a conflict from the backend in the error banner", async () => {
    const user = userEvent.setup();
    getCase.mockResolvedValue(detail());
    deleteCase.mockRejectedValue(new backend.BackendError("conflict", "Case 5 has a reply", null));
    renderWithProviders(<CaseView caseId={5} />);
    await user.click(await screen.findByTestId("delete-case"));
    await user.click(await screen.findByTestId("confirm-delete"));
    expect(await screen.findByTestId("error-banner")).toHaveTextContent("Case 5 has a reply");
  });
});
