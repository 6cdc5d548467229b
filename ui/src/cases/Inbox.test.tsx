import { screen, waitFor } from "@testing-library/react";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";
import type { CaseFilter, CaseSummary } from "../backend";
import { renderWithProviders } from "../test/render";
import { Inbox } from "./Inbox";

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return { ...actual, listCases: vi.fn() };
});

const listCases = vi.mocked(backend.listCases);
const ALL: CaseFilter = { status: null, department: null, tag: null };

function summary(id: number, extra: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id,
    status: "new",
    title: `Case ${id}`,
    asker: `Asker ${id}`,
    department: "Neurology",
    asked_on: "2023-02-02",
    tags: [],
    excerpt: `Excerpt ${id}`,
    ...extra,
  };
}

// jsdom does no layout; give the scrolling list a height so rows render.
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight");
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 600 });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, "clientHeight", clientHeight);
});
beforeEach(() => listCases.mockReset());

describe("Inbox", () => {
  it("renders a row per case with title, asker, department, date, status and excerpt", async () => {
    listCases.mockResolvedValue({
      total: 2,
      offset: 0,
      items: [summary(2, { status: "answered" }), summary(1, { asker: null })],
    });
    renderWithProviders(<Inbox filter={ALL} />);

    const rows = await screen.findAllByTestId("case-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Case 2");
    expect(rows[0]).toHaveTextContent("Asker 2");
    expect(rows[0]).toHaveTextContent("Neurology");
    expect(rows[0]).toHaveTextContent("2023-02-02");
    expect(rows[0]).toHaveTextContent("Answered");
    expect(rows[0]).toHaveTextContent("Excerpt 2");
    expect(rows[0]).toHaveAttribute("href", "#/cases/2");
    expect(rows[1]).toHaveTextContent("Anonymous");
    expect(screen.getByTestId("inbox-total")).toHaveTextContent("2 cases");
    expect(listCases).toHaveBeenCalledWith(ALL, 0, 100);
  });

  it("shows the empty state when there are no cases", async () => {
    listCases.mockResolvedValue({ total: 0, offset: 0, items: [] });
    renderWithProviders(<Inbox filter={ALL} />);
    expect(await screen.findByTestId("inbox-empty")).toHaveTextContent("No cases here yet.");
    expect(screen.queryAllByTestId("case-row")).toHaveLength(0);
  });

  it("renders only the visible rows of 100,000 and fetches only the first page", async () => {
    listCases.mockImplementation((_filter, offset, limit) =>
      Promise.resolve({
        total: 100_000,
        offset,
        items: Array.from({ length: limit }, (_, i) => summary(100_000 - offset - i)),
      }),
    );
    renderWithProviders(<Inbox filter={{ ...ALL, status: "new" }} />);
    await waitFor(() => expect(screen.getAllByTestId("case-row").length).toBeGreaterThan(0));
    const rendered = screen.getAllByTestId("case-row").length;
    expect(rendered).toBeLessThan(40);
    expect(screen.getAllByTestId("case-row")[0]).toHaveTextContent("Case 100000");
    expect(listCases.mock.calls.every(([, offset]) => offset === 0)).toBe(true);
    expect(screen.getByTestId("inbox-total")).toHaveTextContent("100,000 cases");
  });

  it("passes the filter through to the backend", async () => {
    listCases.mockResolvedValue({ total: 0, offset: 0, items: [] });
    const filter: CaseFilter = { status: "drafting", department: "Neurology", tag: "Face" };
    renderWithProviders(<Inbox filter={filter} />);
    expect(await screen.findByTestId("inbox-empty")).toHaveTextContent("No cases match these filters.");
    expect(listCases).toHaveBeenCalledWith(filter, 0, 100);
  });
});
