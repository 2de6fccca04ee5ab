import { isRecentlyAuthenticated } from "@/lib/security/recent-auth";
import type { Caller } from "@/lib/sessions/resolve";
import { qrDataUrl } from "@/lib/two-factor/qr";
import { pendingEnrolment } from "@/lib/two-factor/totp";
import { SecuritySection } from "./section";
import { TwoFactorControls } from "./two-factor-controls";

/** /account/security/two-factor: set up, recovery codes, turn off — each behind a fresh proof. */
export async function TwoFactorPanel({ caller }: { caller: Caller }) {
  const { totp, recoveryCodesLeft } = caller.user.twoFactor;
  const fresh = isRecentlyAuthenticated(caller);
  const pending = !totp && fresh ? await pendingEnrolment(caller.user.id) : null;
  return (
    <SecuritySection
      id="two-factor-heading"
      title="Two-factor authentication"
      description={
        totp
          ? "On: signing in needs a code from your authenticator app (or a recovery code) after your password."
          : "Off. With it on, a stolen password is not enough: signing in also needs a code from an authenticator app."
      }
    >
      {totp && (
        <p
          className={`mb-4 rounded-lg border px-3 py-2 text-sm ${
            recoveryCodesLeft <= 3
              ? "border-amber-200 bg-amber-50 text-amber-900"
              : "border-slate-200 bg-slate-50 text-slate-700"
          }`}
        >
          {recoveryCodesLeft} recovery code{recoveryCodesLeft === 1 ? "" : "s"} left.
          {recoveryCodesLeft <= 3 && " Make new ones soon: without codes or the app you cannot sign in."}
        </p>
      )}
      {/* A stale session sees the controls too: the action asks for the proof when it starts. */}
      <TwoFactorControls
        mode={totp ? "on" : pending ? "pending" : "off"}
        pending={
          pending ? { secret: pending.secret, qr: await qrDataUrl(pending.otpauthUrl), uri: pending.otpauthUrl } : null
        }
        totp={totp}
        hasPassword={caller.user.hasPassword}
        username={caller.user.username}
      />
    </SecuritySection>
  );
}
