//! Locks the window after the clinician's lock time without input (keys,
//! pointer, wheel, touch), and on Ctrl/Cmd+L. Time is compared, not
//! counted: a window that slept (a closed lid) locks as soon as it wakes.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { isLockShortcut, lockBook } from "./lock";
import { DEFAULT_LOCK_MINUTES, useLockSettings } from "./queries";

/** How often the idle time is looked at. */
const CHECK_EVERY_MS = 5_000;
const ACTIVITY = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;

export function useAutoLock(): void {
  const client = useQueryClient();
  const settings = useLockSettings();
  // Until the setting is read (or if it cannot be), the default applies.
  const minutes = settings.data ? settings.data.minutes : DEFAULT_LOCK_MINUTES;
  useEffect(() => {
    let last = Date.now();
    const seen = () => {
      last = Date.now();
    };
    const shortcut = (event: KeyboardEvent) => {
      if (!isLockShortcut(event)) return;
      event.preventDefault();
      void lockBook(client, "manual");
    };
    for (const name of ACTIVITY) window.addEventListener(name, seen, { capture: true, passive: true });
    window.addEventListener("keydown", shortcut);
    const timer =
      minutes === null
        ? null
        : setInterval(() => {
            if (Date.now() - last >= minutes * 60_000) void lockBook(client, "inactivity");
          }, CHECK_EVERY_MS);
    return () => {
      for (const name of ACTIVITY) window.removeEventListener(name, seen, { capture: true });
      window.removeEventListener("keydown", shortcut);
      if (timer !== null) clearInterval(timer);
    };
  }, [client, minutes]);
}
