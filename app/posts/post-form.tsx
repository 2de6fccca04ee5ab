"use client";

import { useState } from "react";
import { Field } from "@/components/field";
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
}: {
  action: Action;
  post?: { id: string; title: string; body: string };
  submitLabel: string;
  pendingLabel: string;
}) {
  const { state, errors, formProps } = useKeptForm(serverAction);
  const [title, setTitle] = useState(post?.title ?? "");
  const [body, setBody] = useState(post?.body ?? "");
  const bodyCount = count(body);
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
      <div className="flex justify-end">
        <SubmitButton pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
