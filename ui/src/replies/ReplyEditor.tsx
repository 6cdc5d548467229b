//! The reply editor of a case: a draft that autosaves (≤ 1 s after the last
//! keystroke), templates inserted from a picker filtered to the case's
//! department, `.trigger` dot-phrases expanded in place (after IME
//! composition ends), F2 to the next blank or pick-list, a revision history,
//! and "Mark answered", which the core refuses while blanks remain.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { isComposingKey } from "../app/ime";
import { formatStamp } from "../i18n";
import { findBlanks, renderTemplate, type Blank, type Rendered } from "../backend";
import { TemplatePicker } from "../templates/TemplatePicker";
import { dotPhraseBefore, nextBlank } from "./blanks";
import { useMarkAnswered, useReply, useRestoreRevision, useRevisions, useSaveDraft } from "./queries";

/** A save still running after this long is waiting for a long job (an
 * import); the editor says so, and the text stays until it is through. */
const SLOW_SAVE_MS = 1500;

/** Autosave delay after the last keystroke (a kill loses at most this much). */
export const AUTOSAVE_MS = 600;

type Props = { caseId: number; department: string | null };

export function ReplyEditor({ caseId, department }: Props) {
  const reply = useReply(caseId);
  if (reply.isPending) return null;
  // A draft replaced from outside (a similar case's reply) reloads the editor.
  return (
    <DraftEditor key={reply.dataUpdatedAt} caseId={caseId} department={department} initial={reply.data?.body ?? ""} />
  );
}

function DraftEditor({ caseId, department, initial }: Props & { initial: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const [saved, setSaved] = useState<"idle" | "pending" | "waiting" | "saved" | "error">("idle");
  const [error, setError] = useState<string | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const [selection, setSelection] = useState<Blank | null>(null);
  // The core finds the blanks (the rule that refuses "Mark answered");
  // `blanksOf` says for which text they were found.
  const [blanks, setBlanks] = useState<Blank[]>([]);
  const [blanksOf, setBlanksOf] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const lastSaved = useRef(initial);
  const latest = useRef(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const composing = useRef(false);
  const save = useSaveDraft(caseId);
  const answer = useMarkAnswered(caseId);

  // One save at a time, in order: a save that waits for the writer (an
  // import holds it for seconds) is followed by the newest text once it is
  // through, never overtaken by it.
  const inFlight = useRef(false);
  const [resave, setResave] = useState(0);
  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current) return;
    const body = latest.current;
    if (body === lastSaved.current) return;
    inFlight.current = true;
    const slow = setTimeout(() => setSaved("waiting"), SLOW_SAVE_MS);
    save.mutate(body, {
      onSuccess: () => {
        clearTimeout(slow);
        inFlight.current = false;
        lastSaved.current = body;
        setSaved(latest.current === body ? "saved" : "pending");
        // Typed while this save waited: save that too (unless a keystroke's
        // timer is about to).
        if (latest.current !== body && timer.current === null) setResave((n) => n + 1);
      },
      onError: (e) => {
        // Kept in the editor; the next keystroke or leaving the case tries again.
        clearTimeout(slow);
        inFlight.current = false;
        setSaved("error");
        setError(e.message);
      },
    });
  }, [save]);

  const change = (next: string) => {
    latest.current = next;
    setText(next);
    setSaved("pending");
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(flush, AUTOSAVE_MS);
  };

  useEffect(() => {
    if (resave > 0) flush();
  }, [resave, flush]);

  // Save what is typed when leaving the case.
  const flushRef = useRef(flush);
  useEffect(() => {
    flushRef.current = flush;
  });
  useEffect(() => () => flushRef.current(), []);

  useEffect(() => {
    let current = true;
    findBlanks(text).then(
      (found) => {
        if (!current) return;
        setBlanks(found);
        setBlanksOf(text);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [text]);

  const select = (blank: Blank | null) => {
    const el = area.current;
    if (!el || !blank) return;
    el.focus();
    el.setSelectionRange(blank.start, blank.end);
    setSelection(blank);
  };

  const goToNextBlank = async () => {
    const el = area.current;
    const from = el ? (el.selectionStart === el.selectionEnd ? el.selectionStart : el.selectionEnd) : 0;
    const now = latest.current;
    const found = blanksOf === now ? blanks : await findBlanks(now).catch(() => []);
    if (latest.current === now) select(nextBlank(found, from));
  };

  /** Replaces [start, end) with rendered text and jumps to its first blank. */
  const insert = (rendered: Rendered, start: number, end: number) => {
    const before = latest.current.slice(0, start);
    const next = before + rendered.text + latest.current.slice(end);
    change(next);
    requestAnimationFrame(() => {
      // React may not have written the new text yet; a selection set before
      // it does is lost (the write puts the caret last), so write it first.
      const el = area.current;
      if (el && el.value !== next) el.value = next;
      // The core found the rendered text's blanks; they move with it.
      const first = rendered.blanks[0];
      if (first) {
        select({ ...first, start: first.start + start, end: first.end + start });
      } else {
        area.current?.focus();
        area.current?.setSelectionRange(start + rendered.text.length, start + rendered.text.length);
      }
    });
  };

  const insertTemplate = async (templateId: number) => {
    try {
      const rendered = await renderTemplate(caseId, { templateId });
      const el = area.current;
      const start = el?.selectionStart ?? latest.current.length;
      const end = el?.selectionEnd ?? start;
      if (rendered) insert(rendered, start, end);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const expandDotPhrase = async (value: string, caret: number) => {
    const found = dotPhraseBefore(value, caret);
    if (!found) return;
    try {
      const rendered = await renderTemplate(caseId, { trigger: found.trigger });
      // Only if the text did not move on meanwhile.
      if (rendered && latest.current.slice(found.start, found.end) === value.slice(found.start, found.end)) {
        insert(rendered, found.start, found.end);
      }
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (isComposingKey(e, composing.current)) return;
    if (e.key === "F2") {
      e.preventDefault();
      void goToNextBlank();
    }
  };

  const choose = (blank: Blank, option: string) => {
    const next = latest.current.slice(0, blank.start) + option + latest.current.slice(blank.end);
    change(next);
    setSelection(null);
    requestAnimationFrame(() => {
      const el = area.current;
      if (el && el.value !== next) el.value = next;
      area.current?.focus();
      area.current?.setSelectionRange(blank.start + option.length, blank.start + option.length);
    });
  };

  const onAnswer = () => {
    flush();
    setError(null);
    answer.mutate(undefined, { onError: (e) => setError(e.message) });
  };

  const pick =
    selection?.kind === "pick" && text.slice(selection.start, selection.end) === selection.text ? selection : null;

  return (
    <section className="panel reply-editor" aria-labelledby="reply-editor-heading" data-testid="reply-editor">
      <div className="reply-editor-head">
        <h3 id="reply-editor-heading">{t("replies.draft")}</h3>
        <span className="hint" data-testid="draft-status" data-state={saved}>
          {t(`replies.saveState.${saved}`)}
        </span>
      </div>
      <TemplatePicker department={department} onPick={(id) => void insertTemplate(id)} />
      <textarea
        ref={area}
        className="reply-text"
        data-testid="reply-text"
        aria-label={t("replies.draft")}
        value={text}
        rows={14}
        onKeyDown={onKeyDown}
        onSelect={() => setSelection((s) => (s && area.current?.selectionStart === s.start ? s : null))}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={(e) => {
          composing.current = false;
          const el = e.currentTarget;
          void expandDotPhrase(el.value, el.selectionStart);
        }}
        onChange={(e) => {
          change(e.target.value);
          const native = e.nativeEvent as InputEvent;
          if (!composing.current && !native.isComposing) {
            void expandDotPhrase(e.target.value, e.target.selectionStart);
          }
        }}
        onBlur={flush}
      />
      {pick && (
        <div className="button-row" role="group" aria-label={t("replies.choose")} data-testid="pick-options">
          <span className="hint">{t("replies.choose")}</span>
          {pick.options.map((option) => (
            <button key={option} type="button" className="button" data-testid="pick-option" onClick={() => choose(pick, option)}>
              {option}
            </button>
          ))}
        </div>
      )}
      <div className="button-row">
        <button type="button" className="button" data-testid="next-blank" onClick={() => void goToNextBlank()} disabled={blanks.length === 0}>
          {t("replies.nextBlank")}
        </button>
        <span className="hint" data-testid="blank-count" data-count={blanks.length}>
          {t("replies.blanksLeft", { count: blanks.length })}
        </span>
        <button type="button" className="button" data-testid="show-history" aria-expanded={showHistory} onClick={() => setShowHistory((v) => !v)}>
          {t("replies.history")}
        </button>
        <button
          type="button"
          className="button button-primary"
          data-testid="mark-answered"
          disabled={answer.isPending}
          onClick={onAnswer}
        >
          {t("replies.markAnswered")}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="reply-error">
          {error}
        </p>
      )}
      {blanks.length > 0 && (
        <ul className="blank-list" data-testid="blank-list" aria-label={t("replies.blanksRemaining")}>
          {blanks.slice(0, 8).map((b) => (
            <li key={b.start}>
              <button type="button" className="link-button" onClick={() => select(b)}>
                {b.kind === "blank" ? t("replies.blank") : b.text}
              </button>
            </li>
          ))}
        </ul>
      )}
      {showHistory && <History caseId={caseId} onRestored={(body) => { latest.current = body; lastSaved.current = body; setText(body); }} />}
    </section>
  );
}

function History({ caseId, onRestored }: { caseId: number; onRestored: (body: string) => void }) {
  const { t } = useTranslation();
  const revisions = useRevisions(caseId, true);
  const restore = useRestoreRevision(caseId);
  const [open, setOpen] = useState<number | null>(null);
  if (!revisions.data) return null;
  if (revisions.data.length === 0) return <p className="hint">{t("replies.noHistory")}</p>;
  return (
    <ol className="revision-list" data-testid="revision-list">
      {revisions.data.map((r) => (
        <li key={r.id} data-testid="revision">
          <button type="button" className="link-button" onClick={() => setOpen(open === r.id ? null : r.id)}>
            <time dateTime={r.saved_at}>{formatStamp(r.saved_at)}</time> · {t(`replies.reason.${r.reason}`, r.reason)}
          </button>
          <button
            type="button"
            className="button"
            data-testid="restore-revision"
            onClick={() => restore.mutate(r.id, { onSuccess: () => onRestored(r.body) })}
          >
            {t("replies.restore")}
          </button>
          {open === r.id && <pre className="case-text revision-body">{r.body}</pre>}
        </li>
      ))}
    </ol>
  );
}
