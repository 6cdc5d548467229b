//! TanStack Query hooks for search and similar cases. Search keeps showing
//! the previous results while the next ones load, so typing never flickers.
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { searchCases, similarCases, startingReply, type SearchRequest } from "../backend";

/** Hits shown per search. */
export const SEARCH_LIMIT = 50;
/** Similar cases shown on a case. */
export const SIMILAR_LIMIT = 5;

export const searchKeys = {
  results: (request: SearchRequest) => ["search", "results", request] as const,
  similar: (id: number) => ["search", "similar", id] as const,
};

export function useSearch(request: SearchRequest) {
  return useQuery({
    queryKey: searchKeys.results(request),
    queryFn: () => searchCases(request, SEARCH_LIMIT),
    placeholderData: keepPreviousData,
    staleTime: 0,
    meta: { silent: true }, // the results view shows its own error
  });
}

export function useSimilarCases(id: number) {
  return useQuery({
    queryKey: searchKeys.similar(id),
    queryFn: () => similarCases(id, SIMILAR_LIMIT),
    staleTime: 0,
    meta: { silent: true }, // the panel shows its own error
  });
}

export function useStartingReply() {
  return useMutation({ mutationFn: (id: number) => startingReply(id) });
}
