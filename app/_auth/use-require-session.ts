"use client";
import { usePathname, useRouter } from "next/navigation";
import { useEffect } from "react";
import { useSession } from "./auth-client";

/** The signed-in user; sends visitors who are not signed in to "/" and brings them back after. */
export function useRequireSession() {
  const session = useSession();
  const router = useRouter();
  const pathname = usePathname();
  const signedOut = !session.isPending && !session.data;
  useEffect(() => {
    if (signedOut) router.replace(`/?next=${encodeURIComponent(pathname)}`);
  }, [signedOut, router, pathname]);
  return { user: session.data?.user ?? null, pending: session.isPending };
}
