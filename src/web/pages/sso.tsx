import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { get, put } from "../api.ts";
import { ErrorMessage, Field, Loading, Page, SuccessMessage } from "../ui.tsx";

type SsoSettings = {
  configured: boolean;
  issuer: string;
  clientId: string;
  hasSecret: boolean;
  matchBy: "email" | "employee_number";
  employeeNumberClaim: string;
  enabled: boolean;
  redirectUri: string;
};

/** Single sign-on for the organisation: the identity provider and how its people are matched to ours. */
export function SsoPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ["sso"], queryFn: () => get<SsoSettings>("/api/admin/sso") });
  const [form, setForm] = useState({
    issuer: "",
    clientId: "",
    clientSecret: "",
    matchBy: "email",
    employeeNumberClaim: "employee_number",
    enabled: true,
  });
  useEffect(() => {
    if (settings.data?.configured) setForm((f) => ({ ...f, ...settings.data, clientSecret: "" }));
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () =>
      put<SsoSettings>("/api/admin/sso", { ...form, clientSecret: form.clientSecret || undefined }),
    onSuccess: (data) => queryClient.setQueryData(["sso"], data),
  });
  const set = (key: keyof typeof form) => (value: string | boolean) => setForm({ ...form, [key]: value });

  if (settings.isPending) return <Loading />;
  return (
    <div className="narrow">
      <Page title={t("sso.title")} intro={t("sso.intro")}>
        {settings.data ? (
          <div className="notice notice-info">
            <p>{t("sso.redirect")}</p>
            <p>
              <code>{settings.data.redirectUri}</code>
            </p>
          </div>
        ) : null}
        <form
          className="form card"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate();
          }}
        >
          {save.isSuccess ? <SuccessMessage>{t("common.saved")}</SuccessMessage> : null}
          <ErrorMessage error={save.error ?? settings.error} />
          <Field label={t("sso.issuer")} hint={t("sso.issuerHint")}>
            {(props) => (
              <input
                {...props}
                type="url"
                value={form.issuer}
                onChange={(e) => set("issuer")(e.target.value)}
              />
            )}
          </Field>
          <Field label={t("sso.clientId")}>
            {(props) => (
              <input {...props} value={form.clientId} onChange={(e) => set("clientId")(e.target.value)} />
            )}
          </Field>
          <Field
            label={t("sso.clientSecret")}
            hint={settings.data?.hasSecret ? t("sso.secretKept") : undefined}
          >
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="off"
                value={form.clientSecret}
                onChange={(e) => set("clientSecret")(e.target.value)}
              />
            )}
          </Field>
          <Field label={t("sso.matchBy")}>
            {(props) => (
              <select {...props} value={form.matchBy} onChange={(e) => set("matchBy")(e.target.value)}>
                <option value="email">{t("sso.matchEmail")}</option>
                <option value="employee_number">{t("sso.matchEmployeeNumber")}</option>
              </select>
            )}
          </Field>
          {form.matchBy === "employee_number" ? (
            <Field label={t("sso.claim")} hint={t("sso.claimHint")}>
              {(props) => (
                <input
                  {...props}
                  value={form.employeeNumberClaim}
                  onChange={(e) => set("employeeNumberClaim")(e.target.value)}
                />
              )}
            </Field>
          ) : null}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.enabled}
              onChange={(e) => set("enabled")(e.target.checked)}
            />
            {t("sso.enabled")}
          </label>
          <button type="submit" className="button primary" disabled={save.isPending}>
            {t("common.save")}
          </button>
        </form>
      </Page>
    </div>
  );
}
