//! What the Rust core says (errors, import problems) arrives as a message
//! key with arguments (`Message`, see `casebook_core::message`). The core's
//! catalogues are this app's `core` namespace, so a message is said in the
//! interface language; nested messages (an import line's reason) are said
//! first, then put in their place.
import coreEn from "../../../src-tauri/core/messages/en.json";
import coreZhTW from "../../../src-tauri/core/messages/zh-TW.json";
import type { Message } from "../backend/bindings/Message";
import { i18n } from "./index";

i18n.addResourceBundle("en", "core", coreEn, true, true);
i18n.addResourceBundle("zh-TW", "core", coreZhTW, true, true);

function isMessage(v: unknown): v is Message {
  return typeof v === "object" && v !== null && "key" in v && "args" in v;
}

/** `message` in the interface language (English when a key is unknown). */
export function say(message: Message, fallback?: string): string {
  const args: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.args)) {
    if (value === undefined) continue;
    args[name] = isMessage(value) ? say(value) : value;
  }
  return i18n.t(message.key, { ns: "core", ...args, defaultValue: fallback ?? message.key });
}
