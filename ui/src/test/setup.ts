// Test set-up: DOM matchers, cleanup between tests, the browser APIs jsdom
// lacks that react-aria and TanStack Virtual use, and translations that fail
// the test on a missing key (in any language, with no fallback to English).
import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";
import { i18n } from "../i18n";

i18n.options.fallbackLng = false;
i18n.options.saveMissing = true;
i18n.options.saveMissingTo = "current";
i18n.options.missingKeyHandler = (languages, _namespace, key) => {
  throw new Error(`Missing translation: "${key}" in ${languages.join(", ")}`);
};

afterEach(async () => {
  cleanup();
  window.location.hash = "";
  localStorage.clear();
  if (i18n.language !== "en") await i18n.changeLanguage("en");
});

class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

if (!("ResizeObserver" in window)) {
  Object.defineProperty(window, "ResizeObserver", { value: NoopResizeObserver, writable: true });
}
