import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { getCaller } from "../auth/caller";
import { isDatabaseUnavailable } from "../db-availability";
import { clientInfo } from "../http/client-info";
import type { DomainError } from "../result";
import type { Caller } from "../sessions/resolve";
import type { ClientInfo } from "../client-info";
import { validate } from "../validation";
import { formError, formFields, formValues, type FormState } from "./state";

/**
 * The one wrapper every server action goes through (as route() / authenticatedRoute() are for route
 * handlers): it asks who is calling, answers a signed-out caller, reads the named form fields through
 * the action's zod schema, hands over the client's address and user agent, maps a domain error to the
 * form state (lib/forms/state.ts#formError, the one map) and a database outage to the outage message.
 * Next's redirect() and notFound() are thrown through untouched.
 */
export const SIGNED_OUT_MESSAGE = "Your session has ended. Sign in again.";
export const UNAVAILABLE_MESSAGE = "The service is not answering right now. Please try again in a moment.";

/** A lib/ failure returned as is by a handler: the wrapper turns it into the form state. */
type Failure = { ok: false; error: DomainError };
type Outcome = FormState | Failure;

export type ActionContext = {
  client: ClientInfo;
  form: FormData;
  /** What the person typed in the action's fields (never a password), to put back in the form. */
  values: Record<string, string>;
};
export type SignedInContext = ActionContext & { caller: Caller };

type FormSpec<F extends readonly string[], S extends z.ZodType | undefined> = {
  /** The fields the action reads; their text (without passwords) is kept in the form state. */
  fields: F;
  /** Parses the fields; a validation failure is answered with field errors before the handler runs. */
  schema?: S;
  /** Said to a signed-out caller (signed-in actions only). */
  signedOut?: string;
};

/** What the handler gets: the schema's output, or (without a schema) the fields as strings, "" when missing. */
type Input<F extends readonly string[], S> = S extends z.ZodType ? z.output<S> : Record<F[number], string>;
type FormAction = (previous: FormState, form: FormData) => Promise<FormState>;

const isFailure = (outcome: Outcome): outcome is Failure => "ok" in outcome && outcome.ok === false;

/** Runs `body`; a database outage becomes `unavailable()`, anything else (redirects included) is thrown on. */
async function outageSafe<R>(body: () => Promise<R>, unavailable: () => R): Promise<R> {
  try {
    return await body();
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailable();
    throw error;
  }
}

function formActionOf<F extends readonly string[], S extends z.ZodType | undefined>(
  spec: FormSpec<F, S>,
  who: "anyone" | "signed-in",
  handler: (input: Input<F, S>, context: SignedInContext) => Promise<Outcome>,
): FormAction {
  return async (_previous, form) => {
    // An action is a public endpoint: a caller may post anything, not only this form's FormData.
    if (!(form instanceof FormData)) return { status: "error", message: "This form could not be read. Try again." };
    const values = formValues(form, spec.fields);
    return outageSafe<FormState>(
      async () => {
        const caller = who === "signed-in" ? await getCaller() : null;
        if (who === "signed-in" && !caller) return { status: "error", message: spec.signedOut ?? SIGNED_OUT_MESSAGE };
        const fields = formFields(form, spec.fields);
        let input: unknown = fields;
        if (spec.schema) {
          const parsed = validate(spec.schema, fields);
          if (!parsed.ok) return formError(parsed.error, values);
          input = parsed.value;
        }
        const context = { caller: caller as Caller, client: clientInfo(await headers()), form, values };
        const outcome = await handler(input as Input<F, S>, context);
        return isFailure(outcome) ? formError(outcome.error, values) : outcome;
      },
      () => ({ status: "error", message: UNAVAILABLE_MESSAGE, values }),
    );
  };
}

/** A form action anyone may call (sign-in, sign-up, reset …). */
export function publicFormAction<const F extends readonly string[], S extends z.ZodType | undefined = undefined>(
  spec: FormSpec<F, S>,
  handler: (input: Input<F, S>, context: ActionContext) => Promise<Outcome>,
): FormAction {
  return formActionOf(spec, "anyone", handler);
}

/** A form action for the signed-in person only; anyone else is told their session has ended. */
export function signedInFormAction<const F extends readonly string[], S extends z.ZodType | undefined = undefined>(
  spec: FormSpec<F, S>,
  handler: (input: Input<F, S>, context: SignedInContext) => Promise<Outcome>,
): FormAction {
  return formActionOf(spec, "signed-in", handler);
}

/**
 * An action that is not a form post (a button with no fields, "load more"): the same caller check,
 * client info and outage handling; `answers` says what a signed-out caller and an outage get back
 * (each is handed the standard message).
 */
export function signedInAction<A extends unknown[], R>(
  answers: { signedOut: (message: string) => R; unavailable: (message: string) => R },
  handler: (context: { caller: Caller; client: ClientInfo }, ...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return (...args) =>
    outageSafe(
      async () => {
        const caller = await getCaller();
        if (!caller) return answers.signedOut(SIGNED_OUT_MESSAGE);
        return handler({ caller, client: clientInfo(await headers()) }, ...args);
      },
      () => answers.unavailable(UNAVAILABLE_MESSAGE),
    );
}

/** An action for whoever is calling, signed in or not (sign-out). Outages are thrown on (the error page, 503). */
export function callerAction<R>(
  handler: (context: { caller: Caller | null; client: ClientInfo }) => Promise<R>,
): () => Promise<R> {
  return async () => handler({ caller: await getCaller(), client: clientInfo(await headers()) });
}

/** The form state for actions with no fields (a button): the same two messages as a form. */
export const formAnswers = {
  signedOut: (message: string): FormState => ({ status: "error", message }),
  unavailable: (message: string): FormState => ({ status: "error", message }),
};
