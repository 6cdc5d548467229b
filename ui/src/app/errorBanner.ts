//! One app-wide slot for backend errors that are not tied to a form field.
//! Queries report here through the QueryCache; forms report the errors they
//! cannot show inline. The shell renders the slot as the error banner.
import { useSyncExternalStore } from "react";
import { toBackendError, type BackendError } from "../backend";

let current: BackendError | null = null;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function reportError(error: unknown): void {
  current = toBackendError(error);
  emit();
}

export function clearError(): void {
  if (current === null) return;
  current = null;
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function snapshot(): BackendError | null {
  return current;
}

export function useReportedError(): BackendError | null {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
