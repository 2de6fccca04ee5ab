"use client";

import { useActionState, useRef, useState } from "react";
import { ReauthPrompt } from "@/app/_reauth/reauth-prompt";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { idle } from "@/lib/forms/state";
import { deletePostAction } from "./actions";
import { keptAction } from "@/lib/forms/kept-form";

/** "Delete", then a confirmation before anything is sent. */
export function DeletePostButton({ postId, label = "Delete" }: { postId: string; label?: string }) {
  const [state, action] = useActionState(keptAction(deletePostAction), idle);
  const [confirming, setConfirming] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  if (!confirming)
    return (
      <button
        type="button"
        onClick={() => setConfirming(true)}
        className="inline-flex items-center justify-center rounded-lg border border-red-300 bg-white px-4 py-2 text-sm font-semibold text-red-700 shadow-sm hover:bg-red-50"
      >
        {label}
      </button>
    );
  return (
    <div className="w-full space-y-3">
      <form
        ref={form}
        action={action}
        role="group"
        aria-label="Confirm deletion"
        className="w-full space-y-3 rounded-xl border border-red-200 bg-red-50 p-4"
      >
        <FormMessage status={state.status} message={state.message} />
        <input type="hidden" name="id" value={postId} />
        <p className="text-sm text-red-900">Delete this post? This cannot be undone.</p>
        <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
          <button
            type="button"
            onClick={() => setConfirming(false)}
            className="inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-100"
          >
            Cancel
          </button>
          <SubmitButton variant="danger" pendingLabel="Deleting…">
            Yes, delete this post
          </SubmitButton>
        </div>
      </form>
      {/* An administrator removing someone else's post proves who they are first, then the deletion goes on. */}
      {state.reason === "reauthentication_required" ? (
        <ReauthPrompt
          headingLevel={2}
          description="Enter your password again to remove this post."
          onConfirmed={() => form.current?.requestSubmit()}
        />
      ) : null}
    </div>
  );
}
