//! The TanStack Query client. IPC is local and deterministic, so failures are
//! not retried; every failed query is reported to the error banner, except the
//! start-up probe, which has its own full-window screen.
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { reportError } from "./errorBanner";

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.meta?.silent) return;
        reportError(error);
      },
    }),
    mutationCache: new MutationCache(),
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}
