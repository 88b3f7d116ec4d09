// The pages anyone may open: signing in (with a password or the organisation's single sign-on), asking
// for a new password, and the page an invitation or reset link opens.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ssoProviders, tokenInfo } from "../../../server/account/schemas.ts";
import { fieldErrors, get, post, setCsrfToken } from "../../api.ts";
import { ME_KEY } from "../../auth.ts";
import type { Me } from "../../types.ts";
import {
  type ControlProps,
  ErrorMessage,
  Field,
  MutationForm,
  NewPasswordFields,
  Page,
  QueryView,
  SuccessMessage,
  TextField,
} from "../../ui.tsx";
import type { Wire } from "../../wire.ts";
import { accountKeys } from "./keys.ts";

export const loginSearch = (search: Record<string, unknown>): { next?: string; fel?: string } => ({
  next: typeof search.next === "string" ? search.next : undefined,
  fel: typeof search.fel === "string" ? search.fel : undefined,
});

const searchParam = (name: string) => new URLSearchParams(window.location.search).get(name);

/** Only paths inside the app, so a crafted link cannot send people elsewhere after login. */
const safeNext = (next: string | null) => (next?.startsWith("/") && !next.startsWith("//") ? next : "/");

function useSignIn() {
  const queryClient = useQueryClient();
  return (me: Me) => {
    setCsrfToken(me.csrfToken);
    queryClient.setQueryData(ME_KEY, me);
  };
}

export function LoginPage() {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const providers = useQuery({
    queryKey: accountKeys.ssoProviders,
    queryFn: () => get<Wire<typeof ssoProviders>>("/api/auth/sso"),
  });
  const login = useMutation({
    mutationFn: () => post<Me>("/api/auth/login", { email, password }),
    onSuccess: (me) => {
      signIn(me);
      // A full navigation: every page starts from a clean state for the new person.
      window.location.assign(safeNext(searchParam("next")));
    },
  });
  const errors = fieldErrors(login.error);
  const labels = { email: t("fields.email"), password: t("fields.password") };
  // A refused login (no field named) concerns both fields: tie them to the message so it is read with each.
  const refused = Boolean(login.error) && !Object.keys(errors).length;
  const tied = (props: ControlProps): ControlProps =>
    refused
      ? {
          ...props,
          "aria-describedby": [props["aria-describedby"], "login-error"].filter(Boolean).join(" "),
          "aria-invalid": true,
        }
      : props;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };
  return (
    <div className="narrow">
      <Page title={t("login.title")} intro={t("login.intro")}>
        {searchParam("fel") === "sso" ? (
          <div className="notice notice-error" role="alert">
            {t("login.ssoFailed")}
          </div>
        ) : null}
        <form onSubmit={submit} className="form card" noValidate>
          <ErrorMessage error={login.error} id="login-error" fields={labels} />
          <Field label={labels.email} error={errors.email}>
            {(props) => (
              <input
                {...tied(props)}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            )}
          </Field>
          <Field label={labels.password} error={errors.password}>
            {(props) => (
              <input
                {...tied(props)}
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button primary" disabled={login.isPending}>
            {login.isPending ? t("login.signingIn") : t("login.submit")}
          </button>
          <p>
            <Link to="/glomt-losenord">{t("login.forgot")}</Link>
          </p>
        </form>
        {providers.data?.providers.length ? (
          <section className="card" aria-labelledby="sso-heading">
            <h2 id="sso-heading">{t("login.ssoHeading")}</h2>
            <ul className="plain-list">
              {providers.data.providers.map((provider) => (
                <li key={provider.tenantSlug}>
                  <a
                    className="button"
                    href={`/api/auth/oidc/${encodeURIComponent(provider.tenantSlug)}/start`}
                  >
                    {t("login.ssoButton", { name: provider.tenantName })}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </Page>
    </div>
  );
}

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const reset = useMutation({ mutationFn: () => post("/api/auth/password-reset", { email }) });
  const labels = { email: t("fields.email") };
  return (
    <div className="narrow">
      <Page title={t("forgot.title")} intro={t("forgot.intro")}>
        {reset.isSuccess ? (
          <SuccessMessage>{t("forgot.sent")}</SuccessMessage>
        ) : (
          <MutationForm className="form card" mutation={reset} send={() => reset.mutate()} fields={labels}>
            <TextField
              label={labels.email}
              error={fieldErrors(reset.error).email}
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={setEmail}
            />
            <button type="submit" className="button primary" disabled={reset.isPending}>
              {t("forgot.submit")}
            </button>
          </MutationForm>
        )}
        <p>
          <Link to="/logga-in">{t("forgot.back")}</Link>
        </p>
      </Page>
    </div>
  );
}

type TokenInfo = Wire<typeof tokenInfo>;

/** The page an invitation or reset link opens: choose a password and be signed in. */
export function TokenPage() {
  const { t } = useTranslation();
  const { token } = useParams({ from: "/public/konto/$token" });
  const info = useQuery({
    queryKey: accountKeys.token(token),
    queryFn: () => get<TokenInfo>(`/api/auth/tokens/${encodeURIComponent(token)}`),
  });
  return (
    <div className="narrow">
      <QueryView
        query={info}
        notFound={{
          title: t("token.title"),
          back: <Link to="/glomt-losenord">{t("token.askNew")}</Link>,
        }}
      >
        {(data) => (
          <Page title={data.purpose === "reset" ? t("token.resetTitle") : t("token.inviteTitle")}>
            <ChoosePassword token={token} info={data} />
          </Page>
        )}
      </QueryView>
    </div>
  );
}

function ChoosePassword({ token, info }: { token: string; info: TokenInfo }) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const save = useMutation({
    mutationFn: () => post<Me>(`/api/auth/tokens/${encodeURIComponent(token)}`, { password }),
    onSuccess: (me) => {
      signIn(me);
      void navigate({ to: "/" });
    },
  });
  return (
    <form
      className="form card"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setMismatch(password !== repeat);
        if (password === repeat) save.mutate();
      }}
    >
      <p>{t("token.hello", { name: info.name, email: info.email ?? "" })}</p>
      <ErrorMessage error={save.error} fields={{ password: t("fields.newPassword") }} />
      <NewPasswordFields
        password={password}
        setPassword={setPassword}
        repeat={repeat}
        setRepeat={setRepeat}
        mismatch={mismatch}
        error={fieldErrors(save.error).password}
      />
      <button type="submit" className="button primary" disabled={save.isPending}>
        {t("token.submit")}
      </button>
    </form>
  );
}
