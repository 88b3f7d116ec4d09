// Single sign-on for the organisation: the identity provider and how its people are matched to ours.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ssoSettings } from "../../../server/account/schemas.ts";
import { fieldErrors, get, put } from "../../api.ts";
import { Checkbox, MutationForm, Page, QueryView, SelectField, TextField } from "../../ui.tsx";
import type { Wire } from "../../wire.ts";
import { accountKeys } from "./keys.ts";

type SsoSettings = Wire<typeof ssoSettings>;
type MatchBy = SsoSettings["matchBy"];

/** The server's limits on the settings' texts (account/schemas.ts). */
const URL_MAX = 500;
const CLIENT_ID_MAX = 500;
const SECRET_MAX = 2000;
const CLAIM_MAX = 100;

export function SsoPage() {
  const { t } = useTranslation();
  const settings = useQuery({
    queryKey: accountKeys.ssoSettings,
    queryFn: () => get<SsoSettings>("/api/admin/sso"),
  });
  return (
    <div className="narrow">
      <QueryView query={settings} notFound={{ title: t("sso.title") }}>
        {(data) => (
          <Page title={t("sso.title")} intro={t("sso.intro")}>
            <div className="notice notice-info">
              <p>{t("sso.redirect")}</p>
              <p>
                <code>{data.redirectUri}</code>
              </p>
            </div>
            <SsoForm current={data} />
          </Page>
        )}
      </QueryView>
    </div>
  );
}

function SsoForm({ current }: { current: SsoSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    issuer: current.configured ? current.issuer : "",
    clientId: current.configured ? current.clientId : "",
    clientSecret: "",
    matchBy: current.configured ? current.matchBy : ("email" as MatchBy),
    employeeNumberClaim: current.configured ? current.employeeNumberClaim : "employee_number",
    enabled: current.configured ? current.enabled : true,
  });
  const save = useMutation({
    mutationFn: () =>
      put<SsoSettings>("/api/admin/sso", { ...form, clientSecret: form.clientSecret || undefined }),
    onSuccess: (data) => queryClient.setQueryData(accountKeys.ssoSettings, data),
  });
  const set =
    <Key extends keyof typeof form>(key: Key) =>
    (value: (typeof form)[Key]) =>
      setForm({ ...form, [key]: value });
  const errors = fieldErrors(save.error);
  const labels = {
    issuer: t("sso.issuer"),
    clientId: t("sso.clientId"),
    clientSecret: t("sso.clientSecret"),
    matchBy: t("sso.matchBy"),
    employeeNumberClaim: t("sso.claim"),
    enabled: t("sso.enabled"),
  };
  return (
    <MutationForm
      className="form card"
      mutation={save}
      send={() => save.mutate()}
      saved={t("common.saved")}
      fields={labels}
    >
      <TextField
        label={labels.issuer}
        hint={t("sso.issuerHint")}
        error={errors.issuer}
        type="url"
        maxLength={URL_MAX}
        value={form.issuer}
        onChange={set("issuer")}
      />
      <TextField
        label={labels.clientId}
        error={errors.clientId}
        maxLength={CLIENT_ID_MAX}
        value={form.clientId}
        onChange={set("clientId")}
      />
      <TextField
        label={labels.clientSecret}
        hint={current.hasSecret ? t("sso.secretKept") : undefined}
        error={errors.clientSecret}
        type="password"
        autoComplete="off"
        maxLength={SECRET_MAX}
        value={form.clientSecret}
        onChange={set("clientSecret")}
      />
      <SelectField
        label={labels.matchBy}
        error={errors.matchBy}
        value={form.matchBy}
        onChange={(value) => set("matchBy")(value === "employee_number" ? "employee_number" : "email")}
        options={[
          ["email", t("sso.matchEmail")],
          ["employee_number", t("sso.matchEmployeeNumber")],
        ]}
      />
      {form.matchBy === "employee_number" ? (
        <TextField
          label={labels.employeeNumberClaim}
          hint={t("sso.claimHint")}
          error={errors.employeeNumberClaim}
          maxLength={CLAIM_MAX}
          value={form.employeeNumberClaim}
          onChange={set("employeeNumberClaim")}
        />
      ) : null}
      <Checkbox label={labels.enabled} checked={form.enabled} onChange={set("enabled")} />
      <button type="submit" className="button primary" disabled={save.isPending}>
        {t("common.save")}
      </button>
    </MutationForm>
  );
}
