import type { Metadata, Viewport } from "next";
import { Suspense } from "react";
import { SiteHeader } from "@/components/site-header";
import { getCaller } from "@/lib/auth/caller";
import { signOutAction } from "./(account)/actions";
import { IdentityOutcome } from "./_identities/identity-outcome";
import { ImpersonationBanner } from "./_impersonation/impersonation-banner";
import { RecoveryCodeBanner } from "./_recovery/recovery-code-banner";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Accounts", template: "%s · Accounts" },
  description: "Sign up, sign in, and manage your account.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const caller = await getCaller();
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <ImpersonationBanner caller={caller} />
        <SiteHeader
          person={
            caller && {
              username: caller.user.username,
              name: caller.user.displayName ?? caller.user.username,
              avatarUrl: caller.user.avatarUrl,
            }
          }
          admin={caller?.role === "admin"}
          signOut={signOutAction}
        />
        <main id="main" className="flex-1 px-4 py-10 sm:py-16">
          <RecoveryCodeBanner caller={caller} />
          <Suspense>
            <IdentityOutcome />
          </Suspense>
          {children}
        </main>
        <footer className="border-t border-slate-200 py-6 text-center text-xs text-slate-500">
          Accounts — open-source sign-up, sign-in and sessions. ·{" "}
          <a href="/docs/api" className="underline hover:text-slate-700">
            API reference
          </a>
        </footer>
      </body>
    </html>
  );
}
