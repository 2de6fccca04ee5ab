"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { BusyButton } from "@/components/busy-button";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { Time } from "@/components/time";
import { idle } from "@/lib/forms/state";
import type { SessionDto } from "@/lib/sessions/dto";
import { revokeOtherSessionsAction, revokeSessionAction } from "./actions";
import { keptAction } from "@/lib/forms/kept-form";

/** "Sign out" beside a session: as wide as its word, on a phone too, so a row stays two lines. */
function CompactSignOut() {
  const { pending } = useFormStatus();
  return (
    <BusyButton type="submit" variant="secondary" className="shrink-0" busy={pending} busyLabel="Signing out…">
      Sign out
    </BusyButton>
  );
}

/**
 * One session in two lines: the device (and "This device") beside "Sign out", then, muted and as wide as the row,
 * when it was last used and from where ("API token" first for a program's session). From `sm` up the button
 * stands beside all the lines, and a third says when the session signed in and when it ends.
 */
function SessionItem({ session }: { session: SessionDto }) {
  const [state, action] = useActionState(keptAction(revokeSessionAction), idle);
  const text = "col-span-2 sm:col-span-1 sm:col-start-1";
  return (
    <li className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 py-3 text-sm" aria-label={session.device}>
      <p className="col-start-1 row-start-1 flex flex-wrap items-center gap-x-2 gap-y-1 font-medium text-slate-900">
        <span className="min-w-0 break-words">{session.device}</span>
        {session.current && (
          <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-700">This device</span>
        )}
      </p>
      {!session.current && (
        <form action={action} className="col-start-2 row-start-1 sm:row-span-3">
          <input type="hidden" name="sessionId" value={session.id} />
          <CompactSignOut />
        </form>
      )}
      <p className={`${text} break-words text-slate-500`}>
        {session.kind === "api" && "API token · "}
        {session.current ? "Active now" : <Time at={session.lastSeenAt} prefix="Active " />} ·{" "}
        {session.ip ?? "unknown address"}
      </p>
      <p className={`${text} hidden text-xs text-slate-500 sm:block`}>
        <Time at={session.createdAt} prefix="Signed in " /> ·{" "}
        {session.idleExpiresAt < session.expiresAt ? (
          <>
            <Time at={session.idleExpiresAt} prefix="Ends " /> if not used before, and <Time at={session.expiresAt} />{" "}
            at the latest
          </>
        ) : (
          <Time at={session.expiresAt} prefix="Ends " />
        )}
      </p>
      {state.status === "error" && <p className={`${text} text-red-700`}>{state.message}</p>}
    </li>
  );
}

export function SessionList({ sessions }: { sessions: SessionDto[] }) {
  const [state, action] = useActionState(keptAction(revokeOtherSessionsAction), idle);
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="space-y-4">
      <FormMessage status={state.status} message={state.message} />
      <ul className="divide-y divide-slate-200" aria-label="Sessions">
        {sessions.map((s) => (
          <SessionItem key={s.id} session={s} />
        ))}
      </ul>
      {others > 0 && (
        <form action={action} className="flex justify-end border-t border-slate-200 pt-4">
          <SubmitButton variant="secondary" pendingLabel="Signing out…">
            Sign out everywhere else
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
