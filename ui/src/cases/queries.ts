//! TanStack Query hooks for cases: one query key scheme, and mutations that
//! invalidate everything a change can affect (pages, counts, pick-lists).
import {
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import {
  appInfo,
  createCase,
  deleteCase,
  getCase,
  listCases,
  listDepartments,
  listTags,
  statusCounts,
  updateCase,
  type CaseDetail,
  type CaseFilter,
  type QuestionInput,
} from "../backend";

/** Rows fetched per inbox page. */
export const PAGE_SIZE = 100;

export const caseKeys = {
  all: ["cases"] as const,
  page: (filter: CaseFilter, page: number) => ["cases", "page", filter, page] as const,
  counts: (filter: CaseFilter) =>
    ["cases", "counts", { department: filter.department, tag: filter.tag }] as const,
  detail: (id: number) => ["cases", "detail", id] as const,
  departments: ["departments"] as const,
  tags: ["tags"] as const,
  appInfo: ["app-info"] as const,
};

export function casePageQuery(filter: CaseFilter, page: number) {
  return {
    queryKey: caseKeys.page(filter, page),
    queryFn: () => listCases(filter, page * PAGE_SIZE, PAGE_SIZE),
  };
}

export function useCasePage(filter: CaseFilter, page: number) {
  return useQuery(casePageQuery(filter, page));
}

export function useStatusCounts(filter: CaseFilter) {
  return useQuery({
    queryKey: caseKeys.counts(filter),
    queryFn: () => statusCounts({ status: null, department: filter.department, tag: filter.tag }),
  });
}

export function useCase(id: number) {
  return useQuery({
    queryKey: caseKeys.detail(id),
    queryFn: () => getCase(id),
    meta: { silent: true }, // the case screen shows its own error
  });
}

export function useDepartments() {
  return useQuery({ queryKey: caseKeys.departments, queryFn: listDepartments });
}

export function useTags() {
  return useQuery({ queryKey: caseKeys.tags, queryFn: listTags });
}

export const appInfoQuery = {
  queryKey: caseKeys.appInfo,
  queryFn: appInfo,
  staleTime: Infinity,
  meta: { silent: true }, // shown full-window by the start-up gate
};

export function useAppInfo() {
  return useQuery(appInfoQuery);
}

function invalidateLists(client: QueryClient): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: ["cases", "page"] }),
    client.invalidateQueries({ queryKey: ["cases", "counts"] }),
    client.invalidateQueries({ queryKey: caseKeys.departments }),
    client.invalidateQueries({ queryKey: caseKeys.tags }),
  ]);
}

/** Creates a case (id null) or updates the question of an existing one. */
export function useSaveCase(id: number | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (question: QuestionInput): Promise<CaseDetail> =>
      id === null ? createCase(question) : updateCase(id, question),
    onSuccess: (saved) => {
      client.setQueryData(caseKeys.detail(saved.id), saved);
      void invalidateLists(client);
    },
  });
}

export function useDeleteCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => deleteCase(id),
    onSuccess: (_result, id) => {
      client.removeQueries({ queryKey: caseKeys.detail(id) });
      void invalidateLists(client);
    },
  });
}
