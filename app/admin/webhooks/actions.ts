"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { signedInFormAction } from "@/lib/forms/action";
import { FIX_FIELDS } from "@/lib/messages";
import type { FormState } from "@/lib/forms/state";
import { retryNow, sendTestEvent } from "@/lib/webhooks/endpoints/deliveries";
import { createWebhook, deleteWebhook, rotateWebhookSecret, updateWebhook } from "@/lib/webhooks/endpoints/manage";

// Every check (administrator, fresh re-authentication, the URL, the id) is lib/webhooks/endpoints'. A secret
// is answered once, to the administrator who asked, in the action's answer: never in `values`, never logged.

const NO_EVENTS = "Choose at least one event, or All events.";

/** A console answer that may carry a secret to show once. */
export type SecretState = FormState & { secret?: string; endpointId?: string };

const done = (id: string, message: string): FormState => {
  revalidatePath(`/admin/webhooks/${id}`);
  revalidatePath("/admin/webhooks");
  return { status: "success", message };
};

export const createWebhookAction = signedInFormAction(
  { fields: ["url", "description", "allEvents"] },
  async (input, ctx) => {
    const events = input.allEvents === "on" ? [] : ctx.form.getAll("events").filter((e) => typeof e === "string");
    if (input.allEvents !== "on" && events.length === 0)
      return {
        status: "error",
        message: FIX_FIELDS,
        fields: { events: [NO_EVENTS] },
        values: ctx.values,
      } satisfies FormState;
    const created = await createWebhook(
      ctx.caller,
      { url: input.url, events, description: input.description },
      ctx.client,
    );
    if (!created.ok) return created;
    revalidatePath("/admin/webhooks");
    const answer: SecretState = {
      status: "success",
      message: "The endpoint is added.",
      secret: created.value.secret,
      endpointId: created.value.webhook.id,
    };
    return answer;
  },
);

export const rotateSecretAction = signedInFormAction({ fields: ["id"] }, async (input, ctx) => {
  const rotated = await rotateWebhookSecret(ctx.caller, input.id, ctx.client);
  if (!rotated.ok) return rotated;
  const answer: SecretState = {
    ...done(input.id, "A new secret is in use. The previous one keeps signing beside it for 24 hours."),
    secret: rotated.value.secret,
  };
  return answer;
});

export const sendTestAction = signedInFormAction({ fields: ["id"] }, async (input, ctx) => {
  const sent = await sendTestEvent(ctx.caller, input.id, ctx.client);
  if (!sent.ok) return sent;
  return done(input.id, "A test event is on its way. Its delivery shows below.");
});

export const retryNowAction = signedInFormAction({ fields: ["id"] }, async (input, ctx) => {
  const retried = await retryNow(ctx.caller, input.id, ctx.client);
  if (!retried.ok) return retried;
  const n = retried.value.retried;
  return done(input.id, n ? `${n} message${n === 1 ? "" : "s"} will be tried again now.` : "Nothing was waiting.");
});

export const setEnabledAction = signedInFormAction({ fields: ["id", "enabled"] }, async (input, ctx) => {
  const enabled = input.enabled === "true";
  const updated = await updateWebhook(ctx.caller, input.id, { enabled }, ctx.client);
  if (!updated.ok) return updated;
  return done(input.id, enabled ? "The endpoint is enabled." : "The endpoint is disabled: nothing more is sent to it.");
});

export const deleteWebhookAction = signedInFormAction({ fields: ["id"] }, async (input, ctx) => {
  const deleted = await deleteWebhook(ctx.caller, input.id, ctx.client);
  if (!deleted.ok) return deleted;
  revalidatePath("/admin/webhooks");
  redirect("/admin/webhooks?deleted=1");
});
