//! TanStack Query hooks for follow-ups. Every change invalidates everything
//! under ["follow-ups"] (the case panel, the due list, the sidebar counts).
//! The due list and counts refresh every minute, so "today" and "overdue"
//! move on at midnight without a restart.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  addFollowUp,
  dueCounts,
  dueList,
  listFollowUps,
  reminderSettings,
  setFollowUpState,
  setReminderSettings,
  updateFollowUp,
  type FollowUp,
  type FollowUpInput,
  type FollowUpState,
  type ReminderSettings,
} from "../backend";

const MINUTE = 60_000;

export const followUpKeys = {
  all: ["follow-ups"] as const,
  forCase: (caseId: number) => ["follow-ups", "case", caseId] as const,
  due: ["follow-ups", "due"] as const,
  counts: ["follow-ups", "counts"] as const,
  settings: ["settings", "reminders"] as const,
};

export function useCaseFollowUps(caseId: number) {
  return useQuery({ queryKey: followUpKeys.forCase(caseId), queryFn: () => listFollowUps(caseId) });
}

export function useDueList() {
  return useQuery({ queryKey: followUpKeys.due, queryFn: dueList, refetchInterval: MINUTE, staleTime: 0 });
}

export function useDueCounts() {
  return useQuery({ queryKey: followUpKeys.counts, queryFn: dueCounts, refetchInterval: MINUTE });
}

export function useReminderSettings() {
  return useQuery({ queryKey: followUpKeys.settings, queryFn: reminderSettings });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: followUpKeys.all });
}

/** Adds a follow-up to `caseId` (id null) or edits follow-up `id`. */
export function useSaveFollowUp(caseId: number, id: number | null) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: FollowUpInput): Promise<FollowUp> =>
      id === null ? addFollowUp(caseId, input) : updateFollowUp(id, input),
    onSuccess: () => void invalidate(),
  });
}

export function useSetFollowUpState() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, state }: { id: number; state: FollowUpState }) => setFollowUpState(id, state),
    onSuccess: () => void invalidate(),
  });
}

export function useSetReminderSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: ReminderSettings) => setReminderSettings(settings),
    onSuccess: (saved) => client.setQueryData(followUpKeys.settings, saved),
  });
}
