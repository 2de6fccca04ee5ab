"use client";

import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { useKeptForm } from "@/lib/forms/kept-form";
import type { OrgRole } from "@/lib/organizations/roles";
import { inviteAction } from "./invitation-actions";

const ROLE_LABELS: Record<OrgRole, string> = { owner: "Owner", admin: "Admin", member: "Member" };

/** Invite by email and role: only the roles the inviter may grant are offered (lib checks it again). */
export function InvitationForm({ slug, roles }: { slug: string; roles: OrgRole[] }) {
  const { state, errors, values, formProps } = useKeptForm(inviteAction);
  const roleErrors = errors("role");
  return (
    <form {...formProps} noValidate aria-labelledby="invite-heading" className="space-y-4">
      <h2 id="invite-heading" className="text-lg font-semibold text-slate-900">
        Invite someone
      </h2>
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="slug" value={slug} />
      <Field
        label="Email address"
        name="email"
        type="email"
        autoComplete="off"
        required
        maxLength={400}
        defaultValue={values.email}
        key={`email-${state.status === "success" ? state.message : ""}`}
        hint="They accept with an account whose confirmed email is this address."
        errors={errors("email")}
      />
      <div className="space-y-1.5">
        <label htmlFor="field-role" className="block text-sm font-medium text-slate-800">
          Role
        </label>
        <select
          id="field-role"
          name="role"
          defaultValue={values.role ?? "member"}
          aria-invalid={roleErrors?.length ? true : undefined}
          aria-describedby={roleErrors?.length ? "field-role-error" : undefined}
          className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100"
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
        {roleErrors?.length ? (
          <p id="field-role-error" className="text-sm text-red-700">
            {roleErrors[0]}
          </p>
        ) : null}
      </div>
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Sending…">Send invitation</SubmitButton>
      </div>
    </form>
  );
}
