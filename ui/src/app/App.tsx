//! The application root: providers, the start-up gate (which proves the data
//! folder opened before showing anything else) and the shell with its screens.
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { I18nProvider as AriaI18nProvider } from "react-aria-components";
import { I18nextProvider, useTranslation } from "react-i18next";
import type { CaseFilter } from "../backend";
import { CaseForm } from "../cases/CaseForm";
import { CaseView } from "../cases/CaseView";
import { Inbox } from "../cases/Inbox";
import { FollowUpsView } from "../followups/FollowUpsView";
import { SearchView } from "../search/SearchView";
import { ProfileSettings } from "../profile/ProfileSettings";
import { TemplateLibrary } from "../templates/TemplateLibrary";
import { useAppInfo } from "../cases/queries";
import { dateLocaleFor, i18n } from "../i18n";
import { ErrorBanner } from "./ErrorBanner";
import { clearError } from "./errorBanner";
import { ErrorBoundary } from "./ErrorBoundary";
import { hrefFor, useRoute, type Route } from "./navigation";
import { createQueryClient } from "./queryClient";
import { Sidebar } from "./Sidebar";

const ALL_CASES: CaseFilter = { status: null, department: null, tag: null };

function Screen({ route, filter }: { route: Route; filter: CaseFilter }) {
  switch (route.name) {
    case "inbox":
      return <Inbox filter={filter} />;
    case "new":
      return <CaseForm key="new" caseId={null} />;
    case "case":
      return <CaseView key={route.id} caseId={route.id} />;
    case "edit":
      return <CaseForm key={`edit-${route.id}`} caseId={route.id} />;
    case "follow-ups":
      return <FollowUpsView />;
    case "search":
      return <SearchView query={route.query} />;
    case "templates":
      return <TemplateLibrary />;
    case "profile":
      return <ProfileSettings />;
  }
}

function Shell() {
  const route = useRoute();
  const [filter, setFilter] = useState<CaseFilter>(ALL_CASES);
  const href = hrefFor(route);
  // An error belongs to the screen it happened on.
  useEffect(() => clearError(), [href]);
  return (
    <div className="shell">
      <Sidebar filter={filter} onFilterChange={setFilter} />
      <main className="main">
        <ErrorBanner />
        <ErrorBoundary resetKey={href}>
          <Screen route={route} filter={filter} />
        </ErrorBoundary>
      </main>
    </div>
  );
}

function StartupGate() {
  const { t } = useTranslation();
  const info = useAppInfo();
  if (info.isPending) {
    return (
      <div className="startup" aria-busy="true">
        <p>{t("app.loading")}</p>
      </div>
    );
  }
  if (info.isError) {
    return (
      <div className="startup startup-error" role="alert" data-testid="startup-error">
        <h1>{t("startup.title")}</h1>
        <p className="startup-message">{info.error.message}</p>
        <p>{t("startup.hint")}</p>
      </div>
    );
  }
  return <Shell />;
}

/** Gives react-aria (dates, calendars) the locale that matches the UI language. */
export function LocaleBridge({ children }: { children: ReactNode }) {
  const { i18n: current } = useTranslation();
  return <AriaI18nProvider locale={dateLocaleFor(current.language)}>{children}</AriaI18nProvider>;
}

export function App({ client }: { client?: QueryClient }) {
  const [queryClient] = useState(() => client ?? createQueryClient());
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <LocaleBridge>
          <ErrorBoundary>
            <StartupGate />
          </ErrorBoundary>
        </LocaleBridge>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
