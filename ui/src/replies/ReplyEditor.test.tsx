import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";
import { BackendError, type ReplyView } from "../backend";
import { renderWithProviders } from "../test/render";
import { ReplyEditor } from "./ReplyEditor";

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return {
    ...actual,
    getReply: vi.fn(),
    saveDraft: vi.fn(),
    listTemplates: vi.fn(),
    renderTemplate: vi.fn(),
    findBlanks: vi.fn(),
    markAnswered: vi.fn(),
  };
});

/** Stands in for the core's `find_blanks` (tested in templates/blanks.rs). */
function blanksIn(text: string): backend.Blank[] {
  return [...text.matchAll(/\*{3,}|\[\[([^[\]\n]*\|[^[\]\n]*)\]\]/g)].map((m) => ({
    kind: m[1] === undefined ? "blank" : "pick",
    line: 1,
    column: m.index + 1,
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
    options: m[1]?.split("|") ?? [],
  }));
}

function view(body: string): ReplyView {
  return {
    case_id: 3,
    status: "drafting",
    body,
    locked_at: null,
    clinician: null,
    affiliation: null,
    signature: null,
    replied_on: null,
    updated_at: null,
    blanks: [],
    addenda: [],
  };
}

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(backend.listTemplates).mockResolvedValue([]);
  vi.mocked(backend.saveDraft).mockResolvedValue({ status: "drafting", updated_at: "x", blanks: [] });
  vi.mocked(backend.findBlanks).mockImplementation((text) => Promise.resolve(blanksIn(text)));
});

async function editor(body: string) {
  vi.mocked(backend.getReply).mockResolvedValue(view(body));
  renderWithProviders(<ReplyEditor caseId={3} department="Neurology" />);
  return screen.findByTestId<HTMLTextAreaElement>("reply-text");
}

describe("ReplyEditor", () => {
  it("F2 selects the next blank, and a pick-list offers its phrases", async () => {
    const area = await editor("Rest *** then [[rest|see a clinic]].");
    await waitFor(() => expect(screen.getByTestId("blank-count").dataset.count).toBe("2"));
    area.focus();
    area.setSelectionRange(0, 0);
    fireEvent.keyDown(area, { key: "F2" });
    await waitFor(() => expect(area.value.slice(area.selectionStart, area.selectionEnd)).toBe("***"));
    fireEvent.keyDown(area, { key: "F2" });
    await waitFor(() =>
      expect(area.value.slice(area.selectionStart, area.selectionEnd)).toBe("[[rest|see a clinic]]"),
    );
    await userEvent.click(screen.getByRole("button", { name: "see a clinic" }));
    expect(area.value).toBe("Rest *** then see a clinic.");
    await waitFor(() => expect(backend.saveDraft).toHaveBeenCalledWith(3, "Rest *** then see a clinic."), { timeout: 2000 });
  });

  it("expands a dot-phrase only after IME composition ends", async () => {
    vi.mocked(backend.renderTemplate).mockResolvedValue({
      text: "Less caffeine, ***.",
      blanks: blanksIn("Less caffeine, ***."),
    });
    const area = await editor("");
    fireEvent.compositionStart(area);
    fireEvent.change(area, { target: { value: "好 .caffeine ", selectionStart: 12 } });
    expect(backend.renderTemplate).not.toHaveBeenCalled();
    area.setSelectionRange(12, 12);
    fireEvent.compositionEnd(area);
    await waitFor(() => expect(area.value).toBe("好 Less caffeine, ***."));
    expect(backend.renderTemplate).toHaveBeenCalledWith(3, { trigger: "caffeine" });
    await waitFor(() => expect(area.value.slice(area.selectionStart, area.selectionEnd)).toBe("***"));
  });

  it("shows why marking answered was refused", async () => {
    vi.mocked(backend.markAnswered).mockRejectedValue(
      new BackendError("invalid", "The reply still has 1 unresolved blank: a blank *** on line 1, column 6.", "body"),
    );
    await editor("Rest ***.");
    await userEvent.click(screen.getByTestId("mark-answered"));
    expect(await screen.findByTestId("reply-error")).toHaveTextContent("line 1, column 6");
  });
});
