import "server-only";
import { ipKey } from "../security/ip-key";
import { claimLimit } from "../security/limit-events";
import type { ClientInfo } from "../client-info";
import { FIX_FIELDS } from "../messages";
import { fail, type FieldErrors, type Result } from "../result";
import { validate } from "../validation";
import { takenFields } from "../users/availability";
import type { UserDto } from "../users/dto";
import { registerUser } from "./register";
import { emailSchema, registrationSchema, signUpFormSchema, usernameSchema } from "../users/schemas";

/**
 * Registration as the API offers it: valid input counts against the address's sign-up limit
 * (LIMIT_SIGN_UP_IP) before any password is hashed. Invalid input is answered without counting, so a
 * person fixing a typo does not use up their tries.
 */
export async function signUp(input: unknown, client: ClientInfo): Promise<Result<UserDto>> {
  const parsed = validate(registrationSchema, input);
  if (!parsed.ok) return parsed;
  const limit = await claimSignUp(client);
  if (!limit.ok) return limit;
  return registerUser(input);
}

/**
 * The sign-up form: every problem in one answer (format rules, the password policy, the confirmation,
 * and whether the username and email are taken), so a taken name does not cost another round of
 * password typing. Looking up availability counts one try of the sign-up limit, whether the rest was
 * valid or not: the answer names accounts, so it costs what a sign-up costs (and a valid sign-up counts
 * that one try, not two). Without a well-formed username or email nothing is looked up or counted.
 */
export async function signUpForm(input: unknown, client: ClientInfo): Promise<Result<UserDto>> {
  const parsed = validate(signUpFormSchema, input);
  const fields: FieldErrors = parsed.ok ? {} : { ...parsed.error.fields };
  const raw = (input ?? {}) as { username?: unknown; email?: unknown };
  const candidate = {
    username: fields.username ? undefined : wellFormed(usernameSchema, raw.username),
    email: fields.email ? undefined : wellFormed(emailSchema, raw.email),
  };
  if (candidate.username !== undefined || candidate.email !== undefined) {
    const limit = await claimSignUp(client);
    // Over the limit: the format problems are still worth fixing; availability is not said.
    if (!limit.ok) return Object.keys(fields).length ? fail("rate_limited", limit.error.message, { fields }) : limit;
    Object.assign(fields, await takenFields(candidate));
  }
  if (!parsed.ok || Object.keys(fields).length)
    return fail(parsed.ok ? "conflict" : "validation", FIX_FIELDS, { fields });
  return registerUser(parsed.value);
}

/**
 * The sign-up form's check when the username field is left: the format's message, or "taken", or
 * null when the name is free (or when the limit is used up: the submit will say so). A format problem
 * is answered without a look-up; a look-up counts one try of the sign-up limit, as signUpForm's does.
 */
export async function usernameProblem(username: unknown, client: ClientInfo): Promise<string | null> {
  const parsed = validate(usernameSchema, username);
  if (!parsed.ok) return Object.values(parsed.error.fields ?? {})[0]?.[0] ?? FIX_FIELDS;
  const limit = await claimSignUp(client);
  if (!limit.ok) return null;
  const taken = await takenFields({ username: parsed.value });
  return taken.username?.[0] ?? null;
}

function claimSignUp(client: ClientInfo) {
  return claimLimit("sign_up_ip", [ipKey(client.ip)], { subject: null, context: client });
}

function wellFormed(schema: typeof usernameSchema | typeof emailSchema, value: unknown): string | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
