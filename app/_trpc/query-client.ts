import { QueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";

/** Domain errors (not found, forbidden, bad input) are answers, not glitches: never retry them. */
export const isFinal = (error: unknown): boolean =>
  error instanceof TRPCClientError && typeof error.data?.httpStatus === "number" && error.data.httpStatus < 500;

export const makeQueryClient = (): QueryClient =>
  new QueryClient({
    defaultOptions: {
      queries: { staleTime: 10_000, retry: (count, error) => !isFinal(error) && count < 2 },
      mutations: { retry: false },
    },
  });

/** A message fit for a role="alert": the server's own words for domain errors. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const flat = error.data?.zodError as { formErrors?: string[]; fieldErrors?: Record<string, string[]> } | null | undefined;
    const issues = [...(flat?.formErrors ?? []), ...Object.values(flat?.fieldErrors ?? {}).flat()];
    if (issues.length > 0) return issues.join(". ");
  }
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Please try again.";
}
