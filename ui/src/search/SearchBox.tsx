//! The search box at the top of the sidebar. Typing opens the results view
//! (#/search?q=…) and updates it as you type (replacing the history entry, so
//! Back leaves search rather than stepping through every keystroke).
//! Ctrl/Cmd+K or `/` focuses it from anywhere; Escape clears it (unless an
//! input method is composing, where Escape cancels the composition).
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useComposition } from "../app/ime";
import { navigate, useRoute } from "../app/navigation";
import { isSearchShortcut } from "./shortcuts";

export function SearchBox() {
  const { t } = useTranslation();
  const route = useRoute();
  const routeQuery = route.name === "search" ? route.query : null;
  const [text, setText] = useState(routeQuery ?? "");
  const [shownQuery, setShownQuery] = useState(routeQuery);
  const input = useRef<HTMLInputElement>(null);
  const composition = useComposition();

  // Follow the address when it changes from outside (Back, a link).
  if (routeQuery !== shownQuery) {
    setShownQuery(routeQuery);
    if (routeQuery !== null && routeQuery !== text) setText(routeQuery);
  }

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!isSearchShortcut(event)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const change = (value: string) => {
    setText(value);
    navigate({ name: "search", query: value }, { replace: route.name === "search" });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (composition.isComposingKey(event)) return;
    if (event.key === "Escape" && text !== "") {
      event.preventDefault();
      change("");
    }
  };

  return (
    <div className="search-box" role="search">
      <input
        ref={input}
        type="search"
        name="search"
        className="search-input"
        data-testid="search-input"
        aria-label={t("search.label")}
        placeholder={t("search.placeholder")}
        aria-keyshortcuts="Control+K Meta+K /"
        autoComplete="off"
        spellCheck={false}
        maxLength={1000}
        value={text}
        onChange={(e) => change(e.target.value)}
        onKeyDown={onKeyDown}
        onCompositionStart={composition.onCompositionStart}
        onCompositionEnd={composition.onCompositionEnd}
      />
    </div>
  );
}
