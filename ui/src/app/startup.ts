//! What a launch asks the backend for, asked at once: the start-up probe and
//! (when the window opens on the inbox) the inbox's first page go out
//! together before the first render, ahead of the sidebar's counts and
//! pick-lists, instead of one after the other.
import type { QueryClient } from "@tanstack/react-query";
import type { CaseFilter } from "../backend";
import { appInfoQuery, casePageQuery } from "../cases/queries";
import { parseHash } from "./navigation";

/** The inbox's filter when the app opens. */
export const ALL_CASES: CaseFilter = { status: null, department: null, tag: null };

/** Starts the launch's first requests on `client`, and returns it. */
export function prefetchStartup(client: QueryClient, hash = window.location.hash): QueryClient {
  void client.prefetchQuery(appInfoQuery);
  if (parseHash(hash).name === "inbox") {
    void client.prefetchQuery(casePageQuery(ALL_CASES, 0));
  }
  return client;
}
