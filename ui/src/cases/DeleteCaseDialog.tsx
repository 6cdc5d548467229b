//! Asks before deleting a case. Deleting is permanent and only allowed while
//! the case has no reply (the backend enforces this too).
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";

type Props = {
  title: string;
  pending: boolean;
  onConfirm: () => void;
};

export function DeleteCaseDialog({ title, pending, onConfirm }: Props) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className="button button-danger" data-testid="delete-case">
        {t("case.delete")}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog" role="alertdialog" data-testid="delete-dialog">
            {({ close }) => (
              <>
                <Heading slot="title">{t("delete.title")}</Heading>
                <p>{t("delete.body", { title })}</p>
                <div className="button-row">
                  <Button className="button" onPress={close} autoFocus>
                    {t("delete.cancel")}
                  </Button>
                  <Button
                    className="button button-danger"
                    data-testid="confirm-delete"
                    isDisabled={pending}
                    onPress={() => {
                      onConfirm();
                      close();
                    }}
                  >
                    {t("delete.confirm")}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
