//! The interface language kept in the case book: read once the shell is up
//! (and applied, so a choice made on another machine with the same data
//! folder wins over the system language), changed from the settings screen.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { getInterfaceLanguage, setInterfaceLanguage, type InterfaceLanguage } from "../backend";
import { chooseLanguage } from "../i18n";

export const languageKey = ["interface-language"] as const;

export function useStoredLanguage() {
  // Silent: without the setting the interface simply stays in the language it has.
  return useQuery({ queryKey: languageKey, queryFn: getInterfaceLanguage, meta: { silent: true } });
}

/** Applies the stored choice (or the system language when there is none) once it is known. */
export function useApplyStoredLanguage(): void {
  const stored = useStoredLanguage();
  useEffect(() => {
    if (stored.isSuccess) void chooseLanguage(stored.data);
  }, [stored.isSuccess, stored.data]);
}

/** Stores a new choice and switches the interface to it at once. */
export function useSetLanguage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (language: InterfaceLanguage | null) => setInterfaceLanguage(language),
    onSuccess: async (saved) => {
      client.setQueryData(languageKey, saved);
      await chooseLanguage(saved);
    },
  });
}
