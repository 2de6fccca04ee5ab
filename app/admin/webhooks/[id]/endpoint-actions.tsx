"use client";

import { startTransition, useActionState, useRef } from "react";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { ReauthPrompt } from "@/app/_reauth/reauth-prompt";
import { keptAction } from "@/lib/forms/kept-form";
import { idle } from "@/lib/forms/state";
import type { WebhookDto } from "@/lib/webhooks/endpoints/dto-schemas";
import { AdminAction } from "../../users/[id]/admin-action";
import {
  deleteWebhookAction,
  retryNowAction,
  rotateSecretAction,
  sendTestAction,
  setEnabledAction,
  type SecretState,
} from "../actions";
import { SecretShownOnce } from "../secret-shown-once";

/** "Send test event" and "Retry now": no confirmation, nothing to lose. */
export function DeliveryActions({ webhook }: { webhook: WebhookDto }) {
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
      {webhook.enabled && (
        <AdminAction
          action={sendTestAction}
          hidden={{ id: webhook.id }}
          label="Send test event"
          pendingLabel="Sending…"
        />
      )}
      <AdminAction action={retryNowAction} hidden={{ id: webhook.id }} label="Retry now" pendingLabel="Retrying…" />
    </div>
  );
}

/** "Rotate secret": the new secret shown once; the previous one keeps signing for 24 hours. */
export function RotateSecret({ id }: { id: string }) {
  const [answer, formAction] = useActionState(keptAction(rotateSecretAction), idle);
  const state = answer as SecretState;
  const sent = useRef<FormData | null>(null);
  const reauth = state.reason === "reauthentication_required";
  const send = (form: FormData) => {
    sent.current = form;
    formAction(form);
  };
  return (
    <div className="space-y-3">
      <form action={send} className="space-y-3" noValidate>
        <input type="hidden" name="id" value={id} />
        <SubmitButton variant="secondary" pendingLabel="Rotating…">
          Rotate secret
        </SubmitButton>
      </form>
      {!reauth && <FormMessage status={state.status} message={state.message} />}
      {state.status === "success" && state.secret && <SecretShownOnce secret={state.secret} />}
      {reauth && (
        <ReauthPrompt
          description="Enter your password again; the rotation then goes on by itself."
          onConfirmed={() => {
            const form = sent.current;
            if (form) startTransition(() => formAction(form));
          }}
        />
      )}
    </div>
  );
}

/** "Disable" / "Enable", and "Delete" behind the confirmation dialog. */
export function DangerActions({ webhook }: { webhook: WebhookDto }) {
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
      {webhook.enabled ? (
        <AdminAction
          action={setEnabledAction}
          hidden={{ id: webhook.id, enabled: "false" }}
          label="Disable"
          pendingLabel="Disabling…"
          confirm={{
            title: "Disable this endpoint?",
            description: "Nothing more is sent to it until it is enabled again. Events meanwhile are not kept for it.",
            danger: true,
          }}
        />
      ) : (
        <AdminAction
          action={setEnabledAction}
          hidden={{ id: webhook.id, enabled: "true" }}
          label="Enable"
          pendingLabel="Enabling…"
        />
      )}
      <AdminAction
        action={deleteWebhookAction}
        hidden={{ id: webhook.id }}
        label="Delete"
        pendingLabel="Deleting…"
        variant="danger"
        confirm={{
          title: "Delete this endpoint?",
          description: (
            <>
              <span className="break-all">{webhook.url}</span> gets nothing more, and its delivery history is deleted
              with it. This cannot be undone.
            </>
          ),
        }}
      />
    </div>
  );
}
