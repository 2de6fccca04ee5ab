"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { idle } from "@/lib/forms/state";
import type { SessionDto } from "@/lib/sessions/dto";
import { revokeOtherSessionsAction, revokeSessionAction } from "./actions";

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const format = (iso: string) => `${when.format(new Date(iso))} UTC`;

function SessionItem({ session }: { session: SessionDto }) {
  const [state, action] = useActionState(revokeSessionAction, idle);
  return (
    <li className="flex flex-col gap-3 py-4 sm:flex-row sm:items-center sm:justify-between" aria-label={session.device}>
      <div className="min-w-0 text-sm">
        <p className="font-medium text-slate-900">
          {session.device}{" "}
          <span className="ml-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">
            {session.kind === "api" ? "API token" : "Browser"}
          </span>
          {session.current && (
            <span className="ml-1 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-700">
              This device
            </span>
          )}
        </p>
        <p className="text-slate-600">
          {session.ip ?? "Unknown IP"} · signed in {format(session.createdAt)} · last active{" "}
          {format(session.lastSeenAt)}
        </p>
        <p className="text-slate-500">
          {session.idleExpiresAt < session.expiresAt
            ? `Ends ${format(session.idleExpiresAt)} if not used before, and ${format(session.expiresAt)} at the latest`
            : `Ends ${format(session.expiresAt)}`}
        </p>
        {state.status === "error" && <p className="text-red-700">{state.message}</p>}
      </div>
      {!session.current && (
        <form action={action}>
          <input type="hidden" name="sessionId" value={session.id} />
          <SubmitButton variant="secondary" pendingLabel="Signing out…">
            Sign out
          </SubmitButton>
        </form>
      )}
    </li>
  );
}

export function SessionList({ sessions }: { sessions: SessionDto[] }) {
  const [state, action] = useActionState(revokeOtherSessionsAction, idle);
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
