import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";
import { renderWithProviders } from "../test/render";
import { SimilarCases } from "./SimilarCases";

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return { ...actual, similarCases: vi.fn(), startingReply: vi.fn() };
});

const similarCases = vi.mocked(backend.similarCases);
const startingReply = vi.mocked(backend.startingReply);

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
    const { container } = renderWithProviders(<SimilarCases caseId={9} />);
    const item = await screen.findByTestId("similar-case");
    expect(item).toHaveTextContent("Facial Twitching: When to See a Neurologist");
    expect(screen.getByTestId("similar-reply").textContent).toBe("Hello Mr. Tian: <script>x</script>");
    expect(container.querySelector("script")).toBeNull();
    expect(similarCases).toHaveBeenCalledWith(9, 5);
  });

  it("shows the reply to start from in a dialog", async () => {
    const user = userEvent.setup();
    similarCases.mockResolvedValue([
      { id: 1, title: "Seed", department: null, asked_on: "2023-02-02", tags: [], clinician: null, reply_start: "Hello" },
    ]);
    startingReply.mockResolvedValue({ case_id: 1, title: "Seed", body: "Hello Mr.\nTian: rest well.", more_info: null });
    renderWithProviders(<SimilarCases caseId={9} />);
    await user.click(await screen.findByTestId("use-reply"));
    const text = await screen.findByTestId("starting-reply-text");
    expect((text as HTMLTextAreaElement).value).toBe("Hello Mr.\nTian: rest well.");
    expect(startingReply).toHaveBeenCalledWith(1);
  });

  it("says so when there is nothing similar yet", async () => {
    similarCases.mockResolvedValue([]);
    renderWithProviders(<SimilarCases caseId={9} />);
    expect(await screen.findByTestId("similar-empty")).toBeInTheDocument();
  });
});
