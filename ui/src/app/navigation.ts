//! A tiny hash router: the app has four screens, so a full router would be
//! more weight than help. The hash keeps the back button and reloads working
//! and gives end-to-end tests stable addresses (#/cases/12).
import { useSyncExternalStore } from "react";

export type Route =
  | { name: "inbox" }
  | { name: "new" }
  | { name: "case"; id: number }
  | { name: "edit"; id: number }
  | { name: "follow-ups" }
  | { name: "templates" }
  | { name: "profile" }
  | { name: "search"; query: string };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, "");
  if (path === "/cases/new") return { name: "new" };
  if (path === "/follow-ups") return { name: "follow-ups" };
  if (path === "/templates") return { name: "templates" };
  if (path === "/settings/profile") return { name: "profile" };
  if (path === "/search" || path.startsWith("/search?")) {
    return { name: "search", query: new URLSearchParams(path.slice("/search".length)).get("q") ?? "" };
  }
  const match = /^\/cases\/(\d+)(\/edit)?$/.exec(path);
  if (match?.[1]) {
    const id = Number(match[1]);
    if (Number.isSafeInteger(id)) return match[2] ? { name: "edit", id } : { name: "case", id };
  }
  return { name: "inbox" };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case "inbox":
      return "#/";
    case "new":
      return "#/cases/new";
    case "case":
      return `#/cases/${route.id}`;
    case "edit":
      return `#/cases/${route.id}/edit`;
    case "follow-ups":
      return "#/follow-ups";
    case "templates":
      return "#/templates";
    case "profile":
      return "#/settings/profile";
    case "search":
      return `#/search?${new URLSearchParams({ q: route.query }).toString()}`;
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = hrefFor(route);
  if (options.replace) {
    window.location.replace(href);
  } else {
    window.location.hash = href;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

function currentHash(): string {
  return window.location.hash;
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash, currentHash);
  return parseHash(hash);
}
