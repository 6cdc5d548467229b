import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ErrorBoundary } from "./ErrorBoundary";

function Broken(): never {
  throw new Error("render failed");
}

describe("ErrorBoundary", () => {
  it("shows a message instead of a blank window when a screen throws", () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    render(
      <ErrorBoundary>
        <Broken />
      </ErrorBoundary>,
    );
    expect(screen.getByTestId("ui-error")).toHaveTextContent("render failed");
    expect(screen.getByRole("button", { name: "Back to inbox" })).toBeInTheDocument();
    quiet.mockRestore();
  });
});
