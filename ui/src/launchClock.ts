//! When the bundle's first statement ran, for the launch report that
//! `npm run bench:app` reads (see src-tauri/src/launch.rs). main.tsx imports
//! this module first, so it runs before React and the rest of the bundle.

/** Wall-clock milliseconds (the same clock the backend reads). */
export const scriptStarted = performance.timeOrigin + performance.now();

let firstPageAt: number | null = null;

/** Notes when the inbox's first page of cases reached the page (once). */
export function markFirstPage(): void {
  firstPageAt ??= performance.timeOrigin + performance.now();
}

/** When the first page of cases arrived (wall-clock ms), if it has. */
export function firstPageArrived(): number | null {
  return firstPageAt;
}
