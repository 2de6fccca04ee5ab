"use client";

import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { useKeptForm } from "@/lib/forms/kept-form";
import { createOrganizationAction } from "./actions";

/** Name and slug of a new organization; what was typed stays after a refusal. */
export function NewOrganizationForm({ verified }: { verified: boolean }) {
  const { state, errors, formProps } = useKeptForm(createOrganizationAction);
  return (
    <form {...formProps} className="space-y-5">
      {!verified && (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Confirm your email address first: follow the link we sent you.
        </p>
      )}
      <FormMessage status={state.status} message={state.message} />
      <Field
        label="Name"
        name="name"
        required
        maxLength={100}
        autoComplete="organization"
        defaultValue={state.values?.name}
        errors={errors("name")}
      />
      <Field
        label="Address (slug)"
        name="slug"
        required
        maxLength={40}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        hint="3–40 lower-case letters, digits and dashes: /organizations/your-slug"
        defaultValue={state.values?.slug}
        errors={errors("slug")}
      />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Creating…">Create organization</SubmitButton>
      </div>
    </form>
  );
}
