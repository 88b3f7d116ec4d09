// The signed-in account pages, loaded as one chunk on the first visit to either (module.tsx). The
// login page and its companions stay in the first chunk: they are the first page of a visit.
export { AccountPage } from "./account.tsx";
export { SsoPage } from "./sso.tsx";
