import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";
import { renderWithProviders } from "../test/render";
import { SimilarCases } from "./SimilarCases";

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return { ...actual, similarCases: vi.fn(), startingReply: vi.fn(), saveDraft: vi.fn() };
});

const similarCases = vi.mocked(backend.similarCases);
const startingReply = vi.mocked(backend.startingReply);
const saveDraft = vi.mocked(backend.saveDraft);

beforeEach(() => vi.clearAllMocks());

describe("SimilarCases", () => {
  it("lists similar answered cases with the start of their reply", async () => {
    similarCases.mockResolvedValue([
      {
        id: 1,
        title: "Facial Twitching: When to See a Neurologist",
        department: "Neurology",
        asked_on: "2023-02-02",
        tags: [],
        clinician: "Dr. Jiang Junyi",
        reply_start: "Hello Mr. Tian: <script>x</script>",
      },
    ]);
    const { container } = renderWithProviders(<SimilarCases caseId={9} canDraft />);
    const item = await screen.findByTestId("similar-case");
    expect(item).toHaveTextContent("Facial Twitching: When to See a Neurologist");
    expect(screen.getByTestId("similar-reply").textContent).toBe("Hello Mr. Tian: <script>x</script>");
    expect(container.querySelector("script")).toBeNull();
    expect(similarCases).toHaveBeenCalledWith(9, 5);
  });

  it("copies the reply into this case's draft", async () => {
    const user = userEvent.setup();
    similarCases.mockResolvedValue([
      { id: 1, title: "Seed", department: null, asked_on: "2023-02-02", tags: [], clinician: null, reply_start: "Hello" },
    ]);
    startingReply.mockResolvedValue({ case_id: 1, title: "Seed", body: "Hello Mr.\nTian: rest well.", more_info: "Myokymia." });
    saveDraft.mockResolvedValue({} as Awaited<ReturnType<typeof backend.saveDraft>>);
    renderWithProviders(<SimilarCases caseId={9} canDraft />);
    await user.click(await screen.findByTestId("use-reply"));
    expect(await screen.findByTestId("starting-reply-used")).toHaveTextContent("Seed");
    expect(startingReply).toHaveBeenCalledWith(1);
    expect(saveDraft).toHaveBeenCalledWith(9, "Hello Mr.\nTian: rest well.");
  });

  it("offers no copy once this case is answered", async () => {
    similarCases.mockResolvedValue([
      { id: 1, title: "Seed", department: null, asked_on: "2023-02-02", tags: [], clinician: null, reply_start: "Hello" },
    ]);
    renderWithProviders(<SimilarCases caseId={9} canDraft={false} />);
    await screen.findByTestId("similar-case");
    expect(screen.queryByTestId("use-reply")).toBeNull();
  });

  it("says so when there is nothing similar yet", async () => {
    similarCases.mockResolvedValue([]);
    renderWithProviders(<SimilarCases caseId={9} canDraft />);
    expect(await screen.findByTestId("similar-empty")).toBeInTheDocument();
  });
});
