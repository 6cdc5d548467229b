//! TanStack Query hooks for the lock time and the access trail.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { accessEvents, lockSettings, setLockSettings, type LockSettings } from "../backend";

export const accessKeys = {
  lockSettings: ["lock-settings"] as const,
  events: ["access-events"] as const,
};

/** The lock time Casebook uses until the clinician's choice is known. */
export const DEFAULT_LOCK_MINUTES = 10;

export function useLockSettings() {
  return useQuery({ queryKey: accessKeys.lockSettings, queryFn: lockSettings, meta: { silent: true } });
}

export function useSetLockSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: LockSettings) => setLockSettings(settings),
    onSuccess: (saved) => client.setQueryData(accessKeys.lockSettings, saved),
  });
}

export function useAccessEvents() {
  return useQuery({ queryKey: accessKeys.events, queryFn: accessEvents, staleTime: 0 });
}
