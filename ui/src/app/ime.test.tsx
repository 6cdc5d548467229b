// Input method safety, input by input: while Zhuyin or Cangjie composes,
// Enter, commas, Escape, arrows and F2 belong to the input method. Each test
// sends what WebKit sends: compositionstart, keydown with isComposing (or
// keyCode 229, as for the Enter that ends a composition), compositionend.
import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";
import type { ReplyView } from "../backend";
import { DepartmentField } from "../cases/DepartmentField";
import { TagInput } from "../cases/TagInput";
import { FollowUpDialog } from "../followups/FollowUpDialog";
import { ReplyEditor } from "../replies/ReplyEditor";
import { SearchBox } from "../search/SearchBox";
import { TemplatePicker } from "../templates/TemplatePicker";
import { renderWithProviders } from "../test/render";
import { isComposingKey } from "./ime";

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return {
    ...actual,
    listTemplates: vi.fn(),
    getReply: vi.fn(),
    saveDraft: vi.fn(),
    renderTemplate: vi.fn(),
    findBlanks: vi.fn(),
    addFollowUp: vi.fn(),
    updateFollowUp: vi.fn(),
  };
});

const COMPOSING = { isComposing: true, keyCode: 229 };
/** The Enter that confirms a candidate in WebKit: after compositionend, isComposing false, keyCode 229. */
const CONFIRMING = { isComposing: false, keyCode: 229 };

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(backend.listTemplates).mockResolvedValue([
    { id: 1, name: "神經內科回覆", department: null, trigger: null, body: "", updated_at: "" },
  ]);
  vi.mocked(backend.saveDraft).mockResolvedValue({ status: "drafting", updated_at: "x", blanks: [] });
  // Stands in for the core's find_blanks: the `***` blanks of a text.
  vi.mocked(backend.findBlanks).mockImplementation((text) =>
    Promise.resolve(
      [...text.matchAll(/\*{3,}/g)].map((m) => ({
        kind: "blank" as const,
        line: 1,
        column: m.index + 1,
        start: m.index,
        end: m.index + m[0].length,
        text: m[0],
        options: [],
      })),
    ),
  );
});

describe("isComposingKey", () => {
  it("knows a key of the input method by isComposing, keyCode 229 or an open composition", () => {
    expect(isComposingKey(new KeyboardEvent("keydown", { key: "Enter", isComposing: true }))).toBe(true);
    expect(isComposingKey(new KeyboardEvent("keydown", { key: "Enter", keyCode: 229 }))).toBe(true);
    expect(isComposingKey(new KeyboardEvent("keydown", { key: "Enter" }), true)).toBe(true);
    expect(isComposingKey(new KeyboardEvent("keydown", { key: "Enter" }))).toBe(false);
  });
});

function Tags() {
  const [tags, setTags] = useState<string[]>([]);
  const [draft, setDraft] = useState("");
  return (
    <form data-testid="form" onSubmit={(e) => e.preventDefault()}>
      <TagInput
        label="Tags"
        hint=""
        tags={tags}
        draft={draft}
        suggestions={[]}
        onTagsChange={setTags}
        onDraftChange={setDraft}
      />
    </form>
  );
}

function tagInput(): HTMLInputElement {
  const input = screen.getByTestId("form").querySelector<HTMLInputElement>('input[name="tags"]');
  if (!input) throw new Error("no tag input");
  return input;
}

function chips(): string[] {
  return [...screen.getByTestId("tag-chips").querySelectorAll("li span")].map((s) => s.textContent ?? "");
}

describe("TagInput with an input method", () => {
  it("keeps a half-composed tag while Enter picks a candidate, and adds it on the next Enter", () => {
    renderWithProviders(<Tags />);
    const input = tagInput();
    fireEvent.compositionStart(input);
    fireEvent.change(input, { target: { value: "ㄇㄧㄢˋ" } });
    fireEvent.keyDown(input, { key: "Enter", ...COMPOSING });
    expect(chips()).toEqual([]);
    fireEvent.change(input, { target: { value: "面" } });
    fireEvent.compositionEnd(input, { data: "面" });
    fireEvent.keyDown(input, { key: "Enter", ...CONFIRMING });
    expect(chips()).toEqual([]);
    expect(input).toHaveValue("面");
    fireEvent.keyDown(input, { key: "Enter" });
    expect(chips()).toEqual(["面"]);
    expect(input).toHaveValue("");
  });

  it("does not cut a tag at a comma typed inside a composition, only once it ends", () => {
    renderWithProviders(<Tags />);
    const input = tagInput();
    fireEvent.compositionStart(input);
    fireEvent.keyDown(input, { key: ",", ...COMPOSING });
    fireEvent.change(input, { target: { value: "抽搐，" } });
    expect(chips()).toEqual([]);
    fireEvent.compositionEnd(input, { data: "抽搐，" });
    expect(chips()).toEqual(["抽搐"]);
    expect(input).toHaveValue("");
  });

  it("separates tags at ， 、 and the ideographic space as at a comma", () => {
    renderWithProviders(<Tags />);
    const input = tagInput();
    fireEvent.change(input, { target: { value: "頭痛、失眠　暈眩，耳鳴,Tinnitus" } });
    expect(chips()).toEqual(["頭痛", "失眠", "暈眩", "耳鳴", "Tinnitus"]);
  });

  it("leaves Backspace to the input method while it composes", () => {
    renderWithProviders(<Tags />);
    const input = tagInput();
    fireEvent.change(input, { target: { value: "顏面," } });
    fireEvent.compositionStart(input);
    fireEvent.keyDown(input, { key: "Backspace", ...COMPOSING });
    expect(chips()).toEqual(["顏面"]);
  });
});

function Department() {
  const [value, setValue] = useState("");
  return (
    <>
      <DepartmentField value={value} departments={["Neurology", "神經內科", "家庭醫學科"]} error={null} onChange={setValue} />
      <output data-testid="value">{value}</output>
    </>
  );
}

describe("DepartmentField with an input method", () => {
  it("lets arrows, Enter and Escape choose candidates, not departments, while composing", async () => {
    const user = userEvent.setup();
    renderWithProviders(<Department />);
    const input = screen.getByRole("combobox");
    await user.click(input);
    expect(await screen.findByRole("listbox")).toBeInTheDocument();
    fireEvent.compositionStart(input);
    fireEvent.keyDown(input, { key: "ArrowDown", ...COMPOSING });
    expect(input).not.toHaveAttribute("aria-activedescendant");
    fireEvent.keyDown(input, { key: "Enter", ...CONFIRMING });
    fireEvent.keyDown(input, { key: "Escape", ...COMPOSING });
    expect(screen.getByRole("listbox")).toBeInTheDocument();
    fireEvent.compositionEnd(input);
    fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(input).toHaveAttribute("aria-activedescendant");
    fireEvent.keyDown(input, { key: "Enter" });
    expect(screen.getByTestId("value")).toHaveTextContent("Neurology");
  });
});

describe("SearchBox with an input method", () => {
  it("lets Escape cancel a composition without clearing the search", () => {
    renderWithProviders(<SearchBox />);
    const input = screen.getByTestId("search-input");
    fireEvent.change(input, { target: { value: "顏面" } });
    fireEvent.compositionStart(input);
    fireEvent.keyDown(input, { key: "Escape", ...COMPOSING });
    expect(input).toHaveValue("顏面");
    fireEvent.compositionEnd(input);
    fireEvent.keyDown(input, { key: "Escape", ...CONFIRMING });
    expect(input).toHaveValue("顏面");
    fireEvent.keyDown(input, { key: "Escape" });
    expect(input).toHaveValue("");
  });
});

describe("TemplatePicker with an input method", () => {
  it("neither inserts, moves nor closes while composing", async () => {
    const user = userEvent.setup();
    const onPick = vi.fn();
    renderWithProviders(<TemplatePicker department={null} onPick={onPick} />);
    await user.click(screen.getByTestId("insert-template"));
    await waitFor(() => expect(screen.getAllByTestId("template-option")).toHaveLength(1));
    const search = screen.getByTestId("template-search");
    fireEvent.compositionStart(search);
    fireEvent.keyDown(search, { key: "Enter", ...COMPOSING });
    fireEvent.keyDown(search, { key: "ArrowDown", ...COMPOSING });
    fireEvent.keyDown(search, { key: "Escape", ...COMPOSING });
    fireEvent.compositionEnd(search);
    fireEvent.keyDown(search, { key: "Enter", ...CONFIRMING });
    expect(onPick).not.toHaveBeenCalled();
    expect(screen.getByTestId("template-picker")).toBeInTheDocument();
    expect(document.activeElement).toBe(search);
    fireEvent.keyDown(search, { key: "Enter" });
    expect(onPick).toHaveBeenCalledWith(1);
  });
});

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

describe("ReplyEditor with an input method", () => {
  it("leaves F2 to the input method while composing, and a dot-phrase until the end", async () => {
    vi.mocked(backend.getReply).mockResolvedValue(view("您好 ***。"));
    renderWithProviders(<ReplyEditor caseId={3} department={null} />);
    const area = await screen.findByTestId<HTMLTextAreaElement>("reply-text");
    area.focus();
    area.setSelectionRange(0, 0);
    fireEvent.compositionStart(area);
    fireEvent.keyDown(area, { key: "F2", ...COMPOSING });
    expect(area.selectionEnd).toBe(0);
    fireEvent.change(area, { target: { value: "您好 ***。.rest" } });
    expect(backend.renderTemplate).not.toHaveBeenCalled();
    fireEvent.compositionEnd(area);
    fireEvent.keyDown(area, { key: "F2" });
    await waitFor(() => expect(area.value.slice(area.selectionStart, area.selectionEnd)).toBe("***"));
  });
});

describe("FollowUpDialog with an input method", () => {
  it("keeps the dialog open when Escape cancels a composition in the reason", () => {
    const onClose = vi.fn();
    renderWithProviders(<FollowUpDialog caseId={1} askedOn="2023-02-02" existing={null} onClose={onClose} />);
    const reason = screen.getByRole("textbox");
    fireEvent.compositionStart(reason);
    fireEvent.keyDown(reason, { key: "Escape", ...COMPOSING });
    fireEvent.compositionEnd(reason);
    fireEvent.keyDown(reason, { key: "Escape", ...CONFIRMING });
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.keyDown(reason, { key: "Escape" });
    expect(onClose).toHaveBeenCalled();
  });
});
