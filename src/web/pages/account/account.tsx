// My account: who I am, and a new password.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors, patch } from "../../api.ts";
import { useMe } from "../../auth.ts";
import { ErrorMessage, NewPasswordFields, Page, SuccessMessage, TextField } from "../../ui.tsx";

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () => patch("/api/auth/password", { currentPassword: current, newPassword: next }),
    onSuccess: () => {
      setCurrent("");
      setNext("");
      setRepeat("");
    },
  });
  const errors = fieldErrors(change.error);
  const labels = { currentPassword: t("fields.currentPassword"), newPassword: t("fields.newPassword") };
  return (
    <div className="narrow">
      <Page title={t("account.title")}>
        <dl className="facts card">
          <dt>{t("fields.name")}</dt>
          <dd>{me?.name}</dd>
          <dt>{t("fields.email")}</dt>
          <dd>{me?.email}</dd>
          <dt>{t("account.organisation")}</dt>
          <dd>{me?.tenantName}</dd>
        </dl>
        <form
          className="form card"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setMismatch(next !== repeat);
            if (next === repeat) change.mutate();
          }}
        >
          <h2>{t("account.changePassword")}</h2>
          {change.isSuccess ? <SuccessMessage>{t("account.passwordChanged")}</SuccessMessage> : null}
          <ErrorMessage error={change.error} fields={labels} />
          <TextField
            label={labels.currentPassword}
            error={errors.currentPassword}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={setCurrent}
          />
          <NewPasswordFields
            password={next}
            setPassword={setNext}
            repeat={repeat}
            setRepeat={setRepeat}
            mismatch={mismatch}
            error={errors.newPassword}
          />
          <button type="submit" className="button primary" disabled={change.isPending}>
            {t("account.savePassword")}
          </button>
        </form>
      </Page>
    </div>
  );
}
