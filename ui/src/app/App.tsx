//! The application root: providers, the start-up gate (which proves the data
//! folder opened, and shows the set-up or lock screen until the case book is
//! open) and the shell with its screens.
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useState, type ReactNode } from "react";
import { I18nProvider as AriaI18nProvider } from "react-aria-components";
import { I18nextProvider, useTranslation } from "react-i18next";
import type { CaseFilter } from "../backend";
import { LockScreen } from "../access/LockScreen";
import { SetUpScreen } from "../access/SetUpScreen";
import { useAutoLock } from "../access/useAutoLock";
import { Inbox } from "../cases/Inbox";
import { useAppInfo } from "../cases/queries";
import { dateLocaleFor, i18n } from "../i18n";
import { useApplyStoredLanguage } from "../profile/language";
import { preloadExportImport } from "../export/ExportImportDialog";
import { ErrorBanner } from "./ErrorBanner";
import { clearError } from "./errorBanner";
import { ErrorBoundary } from "./ErrorBoundary";
import { hrefFor, useRoute, type Route } from "./navigation";
import { createQueryClient } from "./queryClient";
import { ALL_CASES, prefetchStartup } from "./startup";
import { Sidebar } from "./Sidebar";

// The inbox is what a launch shows, so only it is in the first bundle; the
// other screens (and the export dialog) load when first opened, or in the
// background a moment after the launch (`preloadScreens`), from disk.
const screens = {
  caseForm: () => import("../cases/CaseForm"),
  caseView: () => import("../cases/CaseView"),
  followUps: () => import("../followups/FollowUpsView"),
  search: () => import("../search/SearchView"),
  profile: () => import("../profile/ProfileSettings"),
  templates: () => import("../templates/TemplateLibrary"),
};
const CaseForm = lazy(() => screens.caseForm().then((m) => ({ default: m.CaseForm })));
const CaseView = lazy(() => screens.caseView().then((m) => ({ default: m.CaseView })));
const FollowUpsView = lazy(() => screens.followUps().then((m) => ({ default: m.FollowUpsView })));
const SearchView = lazy(() => screens.search().then((m) => ({ default: m.SearchView })));
const ProfileSettings = lazy(() => screens.profile().then((m) => ({ default: m.ProfileSettings })));
const TemplateLibrary = lazy(() => screens.templates().then((m) => ({ default: m.TemplateLibrary })));

/** How long after the shell appears the other screens' code is fetched. */
const PRELOAD_AFTER_MS = 1500;

/** Fetches every screen's code once the launch is over, so no first click waits. */
function usePreloadScreens() {
  useEffect(() => {
    const timer = setTimeout(() => {
      for (const load of Object.values(screens)) void load();
      preloadExportImport();
    }, PRELOAD_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
}

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="screen-note" aria-busy="true">
      {t("app.loading")}
    </p>
  );
}

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
  useApplyStoredLanguage();
  usePreloadScreens();
  useAutoLock();
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
          <Suspense fallback={<Loading />}>
            <Screen route={route} filter={filter} />
          </Suspense>
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
  switch (info.data.access) {
    case "new":
    case "plaintext":
      return <SetUpScreen plaintext={info.data.access === "plaintext"} />;
    case "locked":
      return <LockScreen dataDir={info.data.data_dir} notice={info.data.lock_notice} />;
    case "open":
      return <Shell />;
  }
}

/** Gives react-aria (dates, calendars) the locale that matches the UI language. */
export function LocaleBridge({ children }: { children: ReactNode }) {
  const { i18n: current } = useTranslation();
  return <AriaI18nProvider locale={dateLocaleFor(current.language)}>{children}</AriaI18nProvider>;
}

export function App({ client }: { client?: QueryClient }) {
  const [queryClient] = useState(() => client ?? prefetchStartup(createQueryClient()));
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
