"use client";

import { useState } from "react";
import { Field, FieldErrors } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { LinkButton } from "@/components/link-button";
import { SubmitButton } from "@/components/submit-button";
import { TextArea } from "@/components/text-area";
import { ReauthPrompt } from "@/app/_reauth/reauth-prompt";
import { useKeptForm } from "@/lib/forms/kept-form";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhook-events/types";
import { createWebhookAction, type SecretState } from "../actions";
import { SecretShownOnce } from "../secret-shown-once";

const CHOOSABLE = WEBHOOK_EVENT_TYPES.filter((t) => t !== "webhook.test");

/**
 * "New endpoint": URL, "All events" or a choice of event types, a description. Created, it shows the signing
 * secret once (copy button) and a link to the endpoint's page. A stale proof is asked in place, then it goes on.
 */
export function NewEndpointForm() {
  const { state, errors, values, formProps } = useKeptForm(createWebhookAction);
  const [all, setAll] = useState(true);
  const answer = state as SecretState;
  if (answer.status === "success" && answer.secret && answer.endpointId)
    return (
      <div className="space-y-4">
        <FormMessage status="success" message={answer.message} />
        <SecretShownOnce secret={answer.secret}>
          <LinkButton href={`/admin/webhooks/${answer.endpointId}`} variant="secondary" className="">
            Go to the endpoint
          </LinkButton>
        </SecretShownOnce>
      </div>
    );
  const reauth = state.reason === "reauthentication_required";
  return (
    <div className="space-y-4">
      <form {...formProps} className="space-y-5">
        {!reauth && <FormMessage status={state.status} message={state.message} />}
        <Field
          label="URL"
          name="url"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          maxLength={2000}
          defaultValue={values.url ?? ""}
          placeholder="https://crm.example.com/hooks/accounts"
          hint="Where each event is POSTed, signed. https:// only; internal addresses are refused."
          errors={errors("url")}
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Events</legend>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              name="allEvents"
              className="size-4"
              checked={all}
              onChange={(e) => setAll(e.target.checked)}
            />
            All events (also the ones added later)
          </label>
          {!all && (
            <div className="grid gap-1 sm:grid-cols-2">
              {CHOOSABLE.map((type) => (
                <label key={type} className="flex min-h-11 items-center gap-2 text-sm text-slate-700 sm:min-h-0">
                  <input type="checkbox" name="events" value={type} className="size-4" />
                  <code className="break-all text-slate-900">{type}</code>
                </label>
              ))}
            </div>
          )}
          <FieldErrors errors={errors("events")} />
        </fieldset>
        <TextArea
          label="Description (optional)"
          name="description"
          rows={2}
          maxLength={500}
          defaultValue={values.description ?? ""}
          errors={errors("description")}
        />
        <SubmitButton pendingLabel="Adding…">Add endpoint</SubmitButton>
      </form>
      {reauth && (
        <ReauthPrompt
          description="Adding an endpoint needs a fresh proof that it is you. Then it goes on by itself."
          onConfirmed={() => formProps.ref.current?.requestSubmit()}
        />
      )}
    </div>
  );
}
