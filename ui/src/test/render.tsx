// Renders a component with the providers the app gives it (query client,
// translations) and the error banner, for component tests.
import { QueryClientProvider } from "@tanstack/react-query";
import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import { I18nextProvider } from "react-i18next";
import { LocaleBridge } from "../app/App";
import { ErrorBanner } from "../app/ErrorBanner";
import { clearError } from "../app/errorBanner";
import { createQueryClient } from "../app/queryClient";
import { i18n } from "../i18n";

export function renderWithProviders(ui: ReactElement): RenderResult {
  clearError();
  const client = createQueryClient();
  return render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <LocaleBridge>
          <ErrorBanner />
          {ui}
        </LocaleBridge>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}
