"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormMessage } from "@/components/form-message";
import { inputClass } from "@/components/field";
import { Time } from "@/components/time";
import type { FormState } from "@/lib/forms/state";
import type { MemberDto } from "@/lib/organizations/dto-schemas";
import { ORG_ROLES, type OrgRole } from "@/lib/organizations/roles";
import { removalRefusal, roleChangeRefusal } from "@/lib/organizations/rules";
import { changeRoleAction, removeMemberAction } from "./actions";
import { RoleBadge, ROLE_NAMES } from "./role-badge";

type Ask =
  | { kind: "role"; member: MemberDto; role: OrgRole }
  | { kind: "remove"; member: MemberDto }
  | { kind: "leave"; member: MemberDto };

const small =
  "inline-flex items-center justify-center rounded-lg border px-3 py-1.5 text-sm font-medium shadow-sm transition";

/**
 * The members with their roles. What the caller may do is offered by the same rules lib/organizations applies
 * (the server decides again): a role select, "Remove", and "Leave organization" on the caller's own row; each
 * confirmed in the confirm dialog.
 */
export function MembersList({
  slug,
  me,
  members,
}: {
  slug: string;
  me: { id: string; role: OrgRole };
  members: MemberDto[];
}) {
  const [ask, setAsk] = useState<Ask | null>(null);
  const [answer, setAnswer] = useState<FormState>({ status: "idle" });

  const run = async () => {
    if (!ask) return;
    const result =
      ask.kind === "role"
        ? await changeRoleAction(slug, ask.member.userId, ask.role)
        : await removeMemberAction(slug, ask.member.userId);
    setAnswer(result);
    setAsk(null);
  };

  const title = !ask
    ? ""
    : ask.kind === "role"
      ? `Make @${ask.member.username} ${ask.role === "admin" ? "an" : "a"} ${ask.role}?`
      : ask.kind === "remove"
        ? `Remove @${ask.member.username}?`
        : "Leave this organization?";

  return (
    <>
      <FormMessage status={answer.status} message={answer.message} />
      <ul className="mt-2 divide-y divide-slate-200">
        {members.map((m) => {
          const self = m.userId === me.id;
          const target = { id: m.userId, role: m.role };
          const roles = ORG_ROLES.filter((r) => r === m.role || !roleChangeRefusal(me, target, r));
          const removable = !self && !removalRefusal(me, m);
          return (
            <li key={m.userId} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div className="min-w-0">
                <p className="font-medium break-all text-slate-900">
                  @{m.username}
                  {self && <span className="text-sm font-normal text-slate-500"> (you)</span>}
                </p>
                <p className="text-xs text-slate-500">
                  <Time at={m.joinedAt} prefix="Joined " />
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                {roles.length > 1 ? (
                  <>
                    <label htmlFor={`role-${m.userId}`} className="sr-only">
                      Role of @{m.username}
                    </label>
                    <select
                      id={`role-${m.userId}`}
                      value={m.role}
                      onChange={(e) => setAsk({ kind: "role", member: m, role: e.target.value as OrgRole })}
                      className={`${inputClass(false)} w-auto py-1.5`}
                    >
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_NAMES[r]}
                        </option>
                      ))}
                    </select>
                  </>
                ) : (
                  <RoleBadge role={m.role} />
                )}
                {removable && (
                  <button
                    type="button"
                    onClick={() => setAsk({ kind: "remove", member: m })}
                    className={`${small} border-red-200 bg-white text-red-700 hover:bg-red-50`}
                  >
                    Remove<span className="sr-only"> @{m.username}</span>
                  </button>
                )}
                {self && (
                  <button
                    type="button"
                    onClick={() => setAsk({ kind: "leave", member: m })}
                    className={`${small} border-slate-300 bg-white text-slate-800 hover:bg-slate-100`}
                  >
                    Leave organization
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={ask !== null}
        onCancel={() => setAsk(null)}
        title={title}
        tone={ask?.kind === "role" ? "primary" : "danger"}
        confirmLabel={ask?.kind === "role" ? "Change role" : ask?.kind === "remove" ? "Remove" : "Leave"}
        pendingLabel="Saving…"
        action={run}
      >
        <p>
          {ask?.kind === "role"
            ? "The new role counts from their next request."
            : ask?.kind === "remove"
              ? "They lose access to the organization and its posts at once."
              : "You lose access to the organization and its posts at once; an admin or owner can invite you again."}
        </p>
      </ConfirmDialog>
    </>
  );
}
