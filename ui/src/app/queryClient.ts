//! The TanStack Query client. IPC is local and deterministic, so failures are
//! not retried; every failed query is reported to the error banner, except the
//! start-up probe, which has its own full-window screen. A `locked` answer
//! means the case book closed: the start-up probe is asked again, and the
//! window shows the lock screen instead of an error.
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { hasCode } from "../backend";
import { caseKeys } from "../cases/queries";
import { reportError } from "./errorBanner";

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (hasCode(error, "locked")) {
          void client.invalidateQueries({ queryKey: caseKeys.appInfo });
          return;
        }
        if (query.meta?.silent) return;
        reportError(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        if (hasCode(error, "locked")) void client.invalidateQueries({ queryKey: caseKeys.appInfo });
      },
    }),
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
  return client;
}
