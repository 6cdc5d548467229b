//! TanStack Query hooks for the reply editor. Saving a draft or answering
//! refreshes the case (its status) and the inbox counts.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  addAddendum,
  auditTrail,
  getReply,
  listRevisions,
  listTemplates,
  markAnswered,
  restoreRevision,
  saveDraft,
} from "../backend";

export const replyKeys = {
  reply: (caseId: number) => ["reply", caseId] as const,
  revisions: (caseId: number) => ["reply", caseId, "revisions"] as const,
  audit: (caseId: number) => ["reply", caseId, "audit"] as const,
  templates: (query: string, department: string | null) => ["templates", query, department] as const,
};

export function useReply(caseId: number) {
  return useQuery({ queryKey: replyKeys.reply(caseId), queryFn: () => getReply(caseId), staleTime: Infinity });
}

export function useRevisions(caseId: number, enabled: boolean) {
  return useQuery({ queryKey: replyKeys.revisions(caseId), queryFn: () => listRevisions(caseId), enabled });
}

export function useAuditTrail(caseId: number) {
  return useQuery({ queryKey: replyKeys.audit(caseId), queryFn: () => auditTrail(caseId) });
}

export function useTemplates(query: string, department: string | null) {
  return useQuery({ queryKey: replyKeys.templates(query, department), queryFn: () => listTemplates(query, department) });
}

function useRefresh(caseId: number) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ["cases"] });
    void client.invalidateQueries({ queryKey: replyKeys.audit(caseId) });
    void client.invalidateQueries({ queryKey: replyKeys.revisions(caseId) });
  };
}

export function useSaveDraft(caseId: number) {
  const refresh = useRefresh(caseId);
  return useMutation({ mutationFn: (body: string) => saveDraft(caseId, body), onSuccess: refresh });
}

export function useRestoreRevision(caseId: number) {
  const refresh = useRefresh(caseId);
  const client = useQueryClient();
  return useMutation({
    mutationFn: (revisionId: number) => restoreRevision(caseId, revisionId),
    onSuccess: () => {
      refresh();
      void client.invalidateQueries({ queryKey: replyKeys.reply(caseId) });
    },
  });
}

export function useMarkAnswered(caseId: number) {
  const refresh = useRefresh(caseId);
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => markAnswered(caseId),
    onSuccess: (view) => {
      client.setQueryData(replyKeys.reply(caseId), view);
      refresh();
    },
  });
}

export function useAddAddendum(caseId: number) {
  const refresh = useRefresh(caseId);
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => addAddendum(caseId, body),
    onSuccess: () => {
      refresh();
      void client.invalidateQueries({ queryKey: replyKeys.reply(caseId) });
    },
  });
}
