//! Settings: the interface language, security (lock time, passphrase,
//! access trail), backups, and the clinician profile (name, title,
//! affiliation, signature lines, default closing) that templates use and
//! answers are signed with.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { getProfile, setProfile, type BackendError, type ClinicianProfile } from "../backend";
import { SecuritySettings } from "../access/SecuritySettings";
import { BackupSettings } from "../backups/BackupSettings";
import { LanguageSetting } from "./LanguageSetting";

const FIELDS = ["name", "title", "affiliation", "signature", "closing"] as const;

export function ProfileSettings() {
  const profile = useQuery({ queryKey: ["profile"], queryFn: getProfile });
  return (
    <div className="settings-screen">
      <LanguageSetting />
      {profile.data && <ProfileForm initial={profile.data} />}
      <SecuritySettings />
      <BackupSettings />
    </div>
  );
}

function ProfileForm({ initial }: { initial: ClinicianProfile }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [value, setValue] = useState(initial);
  const [done, setDone] = useState(false);
  const save = useMutation({
    mutationFn: setProfile,
    onSuccess: (saved) => {
      client.setQueryData(["profile"], saved);
      setValue(saved);
      setDone(true);
    },
  });
  const error = save.error as BackendError | null;
  return (
    <form
      className="panel profile-form"
      data-testid="profile-form"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(false);
        save.mutate(value);
      }}
    >
      <h2>{t("profile.heading")}</h2>
      <p className="hint">{t("profile.hint")}</p>
      {FIELDS.map((field) => (
        <label key={field} className="field">
          {t(`profile.${field}`)}
          {field === "signature" ? (
            <textarea
              className="reply-text"
              rows={3}
              data-testid={`profile-${field}`}
              value={value[field]}
              onChange={(e) => setValue({ ...value, [field]: e.target.value })}
            />
          ) : (
            <input
              className="input"
              data-testid={`profile-${field}`}
              value={value[field]}
              onChange={(e) => setValue({ ...value, [field]: e.target.value })}
            />
          )}
          {error?.field === field && <span className="field-error">{error.message}</span>}
        </label>
      ))}
      <div className="button-row">
        <button type="submit" className="button button-primary" data-testid="save-profile" disabled={save.isPending}>
          {t("profile.save")}
        </button>
        {done && (
          <span className="hint" role="status" data-testid="profile-saved">
            {t("profile.saved")}
          </span>
        )}
      </div>
    </form>
  );
}
