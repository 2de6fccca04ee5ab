import { hasReturnSession } from "@/lib/admin/impersonation-cookies";
import type { Caller } from "@/lib/sessions/resolve";
import { stopImpersonationAction } from "./actions";

/**
 * On every page while an administrator acts as the account (lib/admin/impersonation.ts): who, and "stop",
 * which returns to the administrator's own session. When the impersonation has ended by itself (expired, or
 * the administrator's role or own session went) the browser is signed out but still holds the way back.
 */
export async function ImpersonationBanner({ caller }: { caller: Caller | null }) {
  const acting = caller?.session.impersonator ? caller.user.username : null;
  if (!acting && (caller || !(await hasReturnSession()))) return null;
  return (
    <div
      role="region"
      aria-label="Acting as another account"
      className="border-b border-amber-300 bg-amber-100 px-4 py-2 text-sm text-amber-950"
    >
      <form action={stopImpersonationAction} className="mx-auto max-w-5xl text-center">
        {/* One sentence, button included: "You are acting as @name — stop". */}
        <p>
          {acting ? (
            <>
              You are acting as <strong className="font-semibold">@{acting}</strong> —{" "}
            </>
          ) : (
            "You were acting as someone else; that has ended — "
          )}
          <button
            type="submit"
            className="rounded font-semibold underline underline-offset-2 hover:text-amber-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-900"
          >
            {acting ? "stop" : "back to your own session"}
          </button>
        </p>
      </form>
    </div>
  );
}
