// The account module's query keys.
export const accountKeys = {
  ssoProviders: ["sso-providers"] as const,
  token: (token: string) => ["token", token] as const,
  ssoSettings: ["sso"] as const,
};
