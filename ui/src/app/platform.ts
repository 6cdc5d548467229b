//! Which desktop the webview runs on, read once from its user agent, and set
//! on the document (`data-platform`) so the stylesheet can name only the
//! fonts that platform has (see styles.css: on Linux every font family named
//! that is not installed costs a fontconfig search at the first layout).

export type Platform = "linux" | "macos" | "windows" | "other";

export function platformOf(userAgent: string): Platform {
  if (/Windows/.test(userAgent)) return "windows";
  if (/Mac OS X|Macintosh/.test(userAgent)) return "macos";
  if (/Linux|X11/.test(userAgent)) return "linux";
  return "other";
}

/** Marks the document with the platform (once, before the first render). */
export function markPlatform(doc: Document = document, userAgent = navigator.userAgent): Platform {
  const platform = platformOf(userAgent);
  doc.documentElement.dataset.platform = platform;
  return platform;
}
