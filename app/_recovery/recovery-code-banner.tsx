import Link from "next/link";
import { SubmitButton } from "@/components/submit-button";
import { hasRecoveryNotice } from "@/lib/auth/recovery-notice-cookie";
import type { Caller } from "@/lib/sessions/resolve";
import { dismissRecoveryNoticeAction } from "./actions";

/** At or below this many codes left, the banner is a warning and says to make new ones. */
const FEW = 3;

/**
 * After a sign-in with a recovery code (lib/auth/recovery-notice-cookie.ts), on every page of that session
 * until dismissed: the code is spent, and this many are left. The count is the caller's own
 * (`twoFactor.recoveryCodesLeft`), read on this request.
 */
export async function RecoveryCodeBanner({ caller }: { caller: Caller | null }) {
  if (!caller?.user.twoFactor.totp || !(await hasRecoveryNotice(caller.session.id))) return null;
  const left = caller.user.twoFactor.recoveryCodesLeft;
  const few = left <= FEW;
  return (
    <div
      role="region"
      aria-label="Recovery code used"
      className={`mx-auto mb-6 w-full max-w-2xl rounded-xl border p-4 text-sm ${
        few ? "border-amber-200 bg-amber-50 text-amber-900" : "border-slate-200 bg-white text-slate-800 shadow-sm"
      }`}
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p>
          You signed in with a recovery code; it will not work again.{" "}
          <strong className="font-semibold">
            {left === 0 ? "No recovery codes left" : `${left} recovery code${left === 1 ? "" : "s"} left`}
          </strong>
          {few ? ": make new ones now, or you may be locked out if you lose your phone." : "."}{" "}
          <Link
            href="/account/security"
            className="font-medium whitespace-nowrap text-brand-700 underline underline-offset-2 hover:text-brand-800"
          >
            Manage recovery codes
          </Link>
        </p>
        <form action={dismissRecoveryNoticeAction} className="shrink-0">
          <SubmitButton variant="secondary" pendingLabel="Dismissing…">
            Dismiss
          </SubmitButton>
        </form>
      </div>
    </div>
  );
}
