import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { get, post, setCsrfToken } from "../api.ts";
import { ME_KEY } from "../auth.ts";
import type { Me } from "../types.ts";
import { ErrorMessage, Field, Loading, NewPasswordFields, Page, SuccessMessage } from "../ui.tsx";

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
    queryKey: ["sso-providers"],
    queryFn: () => get<{ providers: { tenantSlug: string; tenantName: string }[] }>("/api/auth/sso"),
  });
  const login = useMutation({
    mutationFn: () => post<Me>("/api/auth/login", { email, password }),
    onSuccess: (me) => {
      signIn(me);
      // A full navigation: every page starts from a clean state for the new person.
      window.location.assign(safeNext(searchParam("next")));
    },
  });
  // A refused login concerns both fields: tie them to the message so it is read with each of them.
  const failed = login.error ? { "aria-describedby": "login-error", "aria-invalid": true } : {};
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
          <ErrorMessage error={login.error} id="login-error" />
          <Field label={t("fields.email")}>
            {(props) => (
              <input
                {...props}
                {...failed}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <Field label={t("fields.password")}>
            {(props) => (
              <input
                {...props}
                {...failed}
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
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
  return (
    <div className="narrow">
      <Page title={t("forgot.title")} intro={t("forgot.intro")}>
        {reset.isSuccess ? (
          <SuccessMessage>{t("forgot.sent")}</SuccessMessage>
        ) : (
          <form
            className="form card"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              reset.mutate();
            }}
          >
            <ErrorMessage error={reset.error} />
            <Field label={t("fields.email")}>
              {(props) => (
                <input
                  {...props}
                  type="email"
                  autoComplete="email"
                  required
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                />
              )}
            </Field>
            <button type="submit" className="button primary" disabled={reset.isPending}>
              {t("forgot.submit")}
            </button>
          </form>
        )}
        <p>
          <Link to="/logga-in">{t("forgot.back")}</Link>
        </p>
      </Page>
    </div>
  );
}

/** The page an invitation or reset link opens: choose a password and be signed in. */
export function TokenPage() {
  const { t } = useTranslation();
  const { token } = useParams({ from: "/public/konto/$token" });
  const signIn = useSignIn();
  const navigate = useNavigate();
  const info = useQuery({
    queryKey: ["token", token],
    queryFn: () =>
      get<{ purpose: "invite" | "reset"; name: string; email: string | null }>(
        `/api/auth/tokens/${encodeURIComponent(token)}`,
      ),
  });
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
  const title = info.data?.purpose === "reset" ? t("token.resetTitle") : t("token.inviteTitle");
  return (
    <div className="narrow">
      <Page title={info.isPending ? t("token.title") : title}>
        {info.isPending ? <Loading /> : null}
        {info.error ? (
          <>
            <ErrorMessage error={info.error} />
            <p>
              <Link to="/glomt-losenord">{t("token.askNew")}</Link>
            </p>
          </>
        ) : null}
        {info.data ? (
          <form
            className="form card"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              setMismatch(password !== repeat);
              if (password === repeat) save.mutate();
            }}
          >
            <p>{t("token.hello", { name: info.data.name, email: info.data.email ?? "" })}</p>
            <ErrorMessage error={save.error} />
            <NewPasswordFields
              password={password}
              setPassword={setPassword}
              repeat={repeat}
              setRepeat={setRepeat}
              mismatch={mismatch}
            />
            <button type="submit" className="button primary" disabled={save.isPending}>
              {t("token.submit")}
            </button>
          </form>
        ) : null}
      </Page>
    </div>
  );
}
