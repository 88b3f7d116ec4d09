import { useQuery } from "@tanstack/react-query";
import { ApiError, get, setCsrfToken } from "./api.ts";
import type { Me, Role } from "./types.ts";

export const ME_KEY = ["me"] as const;

/** The signed-in person, or null when nobody is. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await get<Me>("/api/auth/me");
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const useMe = () => useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });

export const hasRole = (me: Me | null | undefined, role: Role) =>
  Boolean(me?.roles.some((r) => r.role === role));
