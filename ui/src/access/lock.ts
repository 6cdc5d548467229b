//! Locking from the window. The lock screen appears at once (the app-info
//! query says `locked`, so the shell unmounts and every open editor saves
//! what was typed); once those saves are through, the backend drops the
//! book and its key, and the window forgets every answer it had cached, so
//! nothing of a case stays in memory behind the lock screen.
import type { QueryClient } from "@tanstack/react-query";
import { lockNow, type AppInfo, type LockReason } from "../backend";
import { caseKeys } from "../cases/queries";

let pending: Promise<void> | null = null;

/** How long to wait for the closing screens' saves to start. */
const UNMOUNT_GRACE_MS = 50;
const POLL_MS = 20;

/** True when `event` is the lock shortcut: Ctrl+L, or Cmd+L on macOS. */
export function isLockShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "l";
}

/** Locks the book (once, however often it is asked while locking). */
export function lockBook(client: QueryClient, reason: LockReason): Promise<void> {
  if (pending) return pending;
  const info = client.getQueryData<AppInfo>(caseKeys.appInfo);
  if (!info || info.access !== "open") return Promise.resolve();
  client.setQueryData<AppInfo>(caseKeys.appInfo, { ...info, access: "locked" });
  pending = (async () => {
    try {
      await savesSettled(client);
      await lockNow(reason);
    } finally {
      forgetCases(client);
      pending = null;
    }
  })();
  return pending;
}

/** Resolves when a lock that is under way has reached the backend. */
export function lockSettled(): Promise<void> {
  return pending ?? Promise.resolve();
}

async function savesSettled(client: QueryClient): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, UNMOUNT_GRACE_MS));
  while (client.isMutating() > 0) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
}

/** Drops every cached answer but the start-up probe's. */
export function forgetCases(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== caseKeys.appInfo[0] });
}
