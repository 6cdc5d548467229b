//! Errors that cross IPC, as one typed class so the UI never matches on strings.
//! The Rust side sends `CommandError {code, message, text, field}`: `text` is
//! the message as a key with arguments, said here in the interface language
//! (`message` is its English, the fallback). Anything else that `invoke`
//! throws (a plain string, a JS Error when the Tauri runtime is missing) is
//! mapped onto the same shape.
import { say } from "../i18n/messages";
import type { CommandError } from "./bindings/CommandError";
import type { ErrorCode } from "./bindings/ErrorCode";

const ERROR_CODES: readonly ErrorCode[] = [
  "invalid",
  "not_found",
  "conflict",
  "storage",
  "io",
  "unavailable",
  "locked",
  "cancelled",
  "internal",
];

export class BackendError extends Error {
  readonly code: ErrorCode;
  readonly field: string | null;

  constructor(code: ErrorCode, message: string, field: string | null = null) {
    super(message);
    this.name = "BackendError";
    this.code = code;
    this.field = field;
  }

  toJSON(): Pick<CommandError, "code" | "message" | "field"> {
    return { code: this.code, message: this.message, field: this.field };
  }
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}

function isCommandError(value: unknown): value is CommandError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    isErrorCode(v.code) &&
    typeof v.message === "string" &&
    (v.field === undefined || v.field === null || typeof v.field === "string")
  );
}

/** Converts whatever `invoke` threw into a BackendError. */
export function toBackendError(raw: unknown, command?: string): BackendError {
  if (raw instanceof BackendError) return raw;
  if (isCommandError(raw)) {
    const text = raw.text ? say(raw.text, raw.message) : raw.message;
    return new BackendError(raw.code, text, raw.field ?? null);
  }
  if (typeof raw === "string") {
    return new BackendError("internal", raw);
  }
  const where = command ? ` (${command})` : "";
  if (raw instanceof Error) {
    return new BackendError("internal", `${raw.message}${where}`);
  }
  return new BackendError("internal", `Unexpected error from the backend${where}`);
}

/** True when an error is a BackendError with one of the given codes. */
export function hasCode(error: unknown, ...codes: ErrorCode[]): error is BackendError {
  return error instanceof BackendError && codes.includes(error.code);
}
