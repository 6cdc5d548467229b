//! "Similar cases" on the case view: the earlier answered cases most like
//! this one, each with the start of its reply and one action, "Use this reply
//! as a starting point". Replies are not drafted in the app yet, so for now
//! the action shows the reply in a dialog and copies it to the clipboard.
import { useState } from "react";
import { Button, Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { hrefFor } from "../app/navigation";
import type { SimilarCase, StartingReply } from "../backend";
import { useSimilarCases, useStartingReply } from "./queries";

export function SimilarCases({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const similar = useSimilarCases(caseId);
  const start = useStartingReply();
  const [shown, setShown] = useState<StartingReply | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);

  const use = (id: number) => {
    start.mutate(id, {
      onSuccess: (reply) => {
        setShown(reply);
        setCopied(null);
        const text = reply.more_info ? `${reply.body}\n\n${reply.more_info}` : reply.body;
        if (typeof navigator.clipboard?.writeText === "function") {
          navigator.clipboard.writeText(text).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        } else {
          setCopied(false);
        }
      },
    });
  };

  let content;
  if (similar.isPending) {
    content = <p className="screen-note">{t("similar.loading")}</p>;
  } else if (similar.isError) {
    content = <p className="screen-note">{similar.error.message}</p>;
  } else if (similar.data.length === 0) {
    content = (
      <p className="screen-note" data-testid="similar-empty">
        {t("similar.none")}
      </p>
    );
  } else {
    content = (
      <ul className="similar-list">
        {similar.data.map((item) => (
          <SimilarItem key={item.id} item={item} onUse={() => use(item.id)} pending={start.isPending} />
        ))}
      </ul>
    );
  }

  return (
    <section className="panel similar-cases" aria-labelledby="similar-heading" data-testid="similar-cases">
      <h3 id="similar-heading">{t("similar.title")}</h3>
      {start.isError && (
        <p className="screen-note" role="alert">
          {start.error.message}
        </p>
      )}
      {content}
      <ModalOverlay
        className="modal-overlay"
        isDismissable
        isOpen={shown !== null}
        onOpenChange={(open) => !open && setShown(null)}
      >
        <Modal className="modal modal-wide">
          <Dialog className="dialog" data-testid="starting-reply-dialog">
            {({ close }) => (
              <>
                <Heading slot="title">{t("similar.dialogTitle")}</Heading>
                <p className="hint">{shown?.title}</p>
                <p className="hint" data-testid="starting-reply-copied">
                  {copied === true ? t("similar.copied") : copied === false ? t("similar.copyManually") : ""}
                </p>
                <textarea
                  className="starting-reply-text"
                  data-testid="starting-reply-text"
                  readOnly
                  rows={12}
                  value={shown ? shown.body : ""}
                  aria-label={t("similar.dialogTitle")}
                />
                <div className="button-row">
                  <Button className="button" onPress={close} autoFocus>
                    {t("similar.close")}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </section>
  );
}

function SimilarItem({ item, onUse, pending }: { item: SimilarCase; onUse: () => void; pending: boolean }) {
  const { t } = useTranslation();
  return (
    <li className="similar-case" data-testid="similar-case">
      <a className="similar-case-title" href={hrefFor({ name: "case", id: item.id })}>
        {item.title}
      </a>
      <span className="search-result-meta">
        <time dateTime={item.asked_on}>{item.asked_on}</time>
        {item.department && ` · ${item.department}`}
        {item.clinician && ` · ${item.clinician}`}
      </span>
      <p className="similar-reply" data-testid="similar-reply">
        {item.reply_start}
      </p>
      <Button className="button" data-testid="use-reply" isDisabled={pending} onPress={onUse}>
        {t("similar.useReply")}
      </Button>
    </li>
  );
}
