"use client";

import { useState } from "react";
import { Field, FieldErrors, inputClass } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { TextArea } from "@/components/text-area";
import { useKeptForm } from "@/lib/forms/kept-form";
import type { FormState } from "@/lib/forms/state";

const TITLE_MAX = 120;
const BODY_MAX = 20_000;
/** As lib/posts/schemas.ts counts: code points, after trimming. */
const count = (s: string) => [...s.trim()].length;

type Action = (previous: FormState, form: FormData) => Promise<FormState>;

/**
 * Writing or editing a post: title, body with a live character count, pending state, field errors; what was
 * typed stays after a failed submit, a dropped connection included (lib/forms/kept-form.ts).
 */
export function PostForm({
  action: serverAction,
  post,
  submitLabel,
  pendingLabel,
  organizations,
  organization: initialOrganization = "",
}: {
  action: Action;
  post?: { id: string; title: string; body: string };
  submitLabel: string;
  pendingLabel: string;
  /** A new post only: where it may be published, besides "Everyone (public)" (the caller's organizations). */
  organizations?: { slug: string; name: string }[];
  /** The organization chosen at first (a slug; "" = everyone). */
  organization?: string;
}) {
  const { state, errors, formProps } = useKeptForm(serverAction);
  const [title, setTitle] = useState(post?.title ?? "");
  const [body, setBody] = useState(post?.body ?? "");
  const [organization, setOrganization] = useState(initialOrganization);
  const bodyCount = count(body);
  const orgErrors = errors("organization");
  return (
    <form {...formProps} className="space-y-5">
      <FormMessage status={state.status} message={state.message} />
      {post && <input type="hidden" name="id" value={post.id} />}
      <Field
        label="Title"
        name="title"
        required
        maxLength={TITLE_MAX * 2}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        hint={`${count(title)} / ${TITLE_MAX} characters`}
        errors={errors("title")}
      />
      <TextArea
        label="Body"
        name="body"
        rows={12}
        required
        value={body}
        onChange={(event) => setBody(event.target.value)}
        errors={errors("body")}
        hint={
          <span className="flex justify-between gap-2">
            <span>Plain text; line breaks are kept.</span>
            <span aria-live="polite" className={bodyCount > BODY_MAX ? "font-semibold text-red-700" : undefined}>
              {bodyCount.toLocaleString("en")} / {BODY_MAX.toLocaleString("en")} characters
            </span>
          </span>
        }
      />
      {organizations && (
        <div className="space-y-1.5">
          <label htmlFor="field-organization" className="block text-sm font-medium text-slate-800">
            Organization
          </label>
          <select
            id="field-organization"
            name="organization"
            value={organization}
            onChange={(event) => setOrganization(event.target.value)}
            aria-invalid={orgErrors?.length ? true : undefined}
            aria-describedby={orgErrors?.length ? "field-organization-error" : "field-organization-hint"}
            className={`${inputClass(Boolean(orgErrors?.length))} sm:w-80`}
          >
            <option value="">Everyone (public)</option>
            {organizations.map((o) => (
              <option key={o.slug} value={o.slug}>
                {o.name}
              </option>
            ))}
          </select>
          {!orgErrors?.length && (
            <p id="field-organization-hint" className="text-xs text-slate-500">
              {organization
                ? "Only the organization's members can read it; its admins and owners can remove it."
                : "Anyone can read it, signed in or not."}
            </p>
          )}
          <FieldErrors id="field-organization-error" errors={orgErrors} />
        </div>
      )}
      <div className="flex justify-end">
        <SubmitButton pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
