import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";
import type { SearchHit, SearchResults } from "../backend";
import { renderWithProviders } from "../test/render";
import { Highlighted } from "./Highlighted";
import { SearchView } from "./SearchView";

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return {
    ...actual,
    searchCases: vi.fn(),
    listDepartments: vi.fn(() => Promise.resolve(["Neurology"])),
    listTags: vi.fn(() => Promise.resolve(["Facial Twitching"])),
  };
});

const searchCases = vi.mocked(backend.searchCases);
const HOSTILE = "<img src=x onerror=alert(1)>";

function hit(extra: Partial<SearchHit> = {}): SearchHit {
  return {
    id: 7,
    status: "answered",
    title: [
      { text: "Facial ", highlight: false },
      { text: "Twitching", highlight: true },
    ],
    asker: "A Tian",
    department: "Neurology",
    asked_on: "2023-02-02",
    tags: ["Facial Twitching"],
    snippet: [
      { text: `${HOSTILE} muscle `, highlight: false },
      { text: "twitching", highlight: true },
      { text: " on the nose", highlight: false },
    ],
    snippet_source: "question",
    ...extra,
  };
}

function results(extra: Partial<SearchResults> = {}): SearchResults {
  return { hits: [hit()], matched: "all", truncated: false, ...extra };
}

beforeEach(() => vi.clearAllMocks());

describe("Highlighted", () => {
  it("renders segments as text and marks, never as HTML", () => {
    const { container } = renderWithProviders(
      <p>
        <Highlighted
          segments={[
            { text: HOSTILE, highlight: false },
            { text: "<b>x</b>", highlight: true },
          ]}
        />
      </p>,
    );
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
    expect(container.querySelector("mark")?.textContent).toBe("<b>x</b>");
    expect(container.textContent).toBe(`${HOSTILE}<b>x</b>`);
  });
});

describe("SearchView", () => {
  it("shows each hit with its highlighted snippet, as text, linking to the case", async () => {
    searchCases.mockResolvedValue(results());
    const { container } = renderWithProviders(<SearchView query="twitch" />);
    const result = await screen.findByTestId("search-result");
    expect(result).toHaveAttribute("href", "#/cases/7");
    const snippet = screen.getByTestId("search-snippet");
    expect(snippet.textContent).toBe(`${HOSTILE} muscle twitching on the nose`);
    expect(snippet.querySelector("mark")?.textContent).toBe("twitching");
    expect(container.querySelector("img")).toBeNull();
    expect(searchCases).toHaveBeenCalledWith(
      { query: "twitch", status: null, department: null, tag: null, asked_from: null, asked_to: null },
      50,
    );
  });

  it("passes the filters to the backend", async () => {
    const user = userEvent.setup();
    searchCases.mockResolvedValue(results());
    renderWithProviders(<SearchView query="twitch" />);
    await screen.findByTestId("search-result");
    await user.selectOptions(screen.getByTestId("search-filter-status"), "answered");
    await screen.findByRole("option", { name: "Neurology" });
    await user.selectOptions(screen.getByTestId("search-filter-department"), "Neurology");
    await waitFor(() =>
      expect(searchCases).toHaveBeenLastCalledWith(
        expect.objectContaining({ query: "twitch", status: "answered", department: "Neurology" }),
        50,
      ),
    );
  });

  it("filters by an asked-on date typed year first into the date segments", async () => {
    const user = userEvent.setup();
    searchCases.mockResolvedValue(results());
    renderWithProviders(<SearchView query="twitch" />);
    await screen.findByTestId("search-result");
    const from = screen.getByTestId("search-filter-from");
    const segments = within(from).getAllByRole("spinbutton");
    // Year, month, day: the same order as every other date in Casebook.
    expect(segments.map((s) => s.getAttribute("data-type"))).toEqual(["year", "month", "day"]);
    await user.click(segments[0]!);
    await user.keyboard("20240501");
    await waitFor(() =>
      expect(searchCases).toHaveBeenLastCalledWith(
        expect.objectContaining({ query: "twitch", asked_from: "2024-05-01", asked_to: null }),
        50,
      ),
    );
  });

  it("says when nothing matches, when only some words matched, and when the query was cut", async () => {
    searchCases.mockResolvedValue(results({ hits: [], matched: "all" }));
    const { unmount } = renderWithProviders(<SearchView query="zzz" />);
    expect(await screen.findByTestId("search-empty")).toBeInTheDocument();
    unmount();
    searchCases.mockResolvedValue(results({ matched: "any", truncated: true }));
    renderWithProviders(<SearchView query={"x ".repeat(5000)} />);
    expect(await screen.findByTestId("search-any")).toBeInTheDocument();
    expect(screen.getByTestId("search-truncated")).toBeInTheDocument();
  });

  it("titles an empty query as recent cases", async () => {
    searchCases.mockResolvedValue(results({ matched: "recent" }));
    renderWithProviders(<SearchView query="" />);
    expect(await screen.findByRole("heading", { name: "Recent cases" })).toBeInTheDocument();
  });
});
