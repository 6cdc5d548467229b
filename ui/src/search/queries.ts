//! TanStack Query hooks for search and similar cases. Search keeps showing
//! the previous results while the next ones load, so typing never flickers.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { saveDraft, searchCases, similarCases, startingReply, type SearchRequest } from "../backend";
import { replyKeys } from "../replies/queries";

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

/**
 * Copies an answered case's reply (its body, not its "More info") into case `caseId`'s draft (a new revision),
 * then reloads the draft so the editor shows it.
 */
export function useUseStartingReply(caseId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (fromId: number) => {
      const from = await startingReply(fromId);
      return saveDraft(caseId, from.body);
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: replyKeys.reply(caseId) });
      void client.invalidateQueries({ queryKey: replyKeys.revisions(caseId) });
      void client.invalidateQueries({ queryKey: replyKeys.audit(caseId) });
      void client.invalidateQueries({ queryKey: ["cases"] });
    },
  });
}
