/** The root layout: global styles and the tRPC / React Query providers for every page. */
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { TrpcProviders } from "./_trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: "Tandem",
  description: "Compose music together, people and models, in a shared piano roll.",
};

export const viewport: Viewport = { colorScheme: "dark", themeColor: "#14161b" };

// Every page is rendered per request, so Next can give its scripts the nonce of the response's
// Content-Security-Policy (server/page-headers.ts); a page prerendered at build time has none, and its scripts would not run.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TrpcProviders>{children}</TrpcProviders>
      </body>
    </html>
  );
}
