// Two-factor accounts for lib tests: enrolled with an authenticator secret, challenges, codes.
import { generate } from "otplib";
import { signIn, signInWithPassword } from "../lib/auth/sign-in";
import { resolveSessionToken } from "../lib/sessions/resolve";
import { confirmTotp, startTotp } from "../lib/two-factor/totp";
import { newUser, NO_CLIENT, PASSWORD } from "./people";

/** The code an authenticator app shows `steps` periods from now. */
export const codeAt = (secret: string, steps = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

/**
 * The previous step's code (one step of drift, so a test's later codes can use the current and next steps), made
 * at least 3 s before the step ends: it is accepted (one step either side) only until then, and a busy machine can
 * take a second or more to check it.
 */
export async function previousStepCode(secret: string) {
  const intoStep = (Date.now() / 1000) % 30;
  if (intoStep > 27) await new Promise((resolve) => setTimeout(resolve, (30 - intoStep) * 1000 + 50));
  return codeAt(secret, -1);
}

/** A fresh account with TOTP on, signed in once over the API (`caller`), and its recovery codes. */
export async function enrolled(prefix = "tf") {
  const user = await newUser(prefix);
  const signedIn = await signIn({ login: user.username, password: PASSWORD }, "api", NO_CLIENT);
  if (!signedIn.ok) throw new Error("sign-in failed");
  const caller = (await resolveSessionToken(signedIn.value.session.token))!;
  const started = await startTotp(caller);
  if (!started.ok) throw new Error("start failed");
  const secret = started.value.secret;
  const confirmed = await confirmTotp(caller, { code: await previousStepCode(secret) }, NO_CLIENT);
  if (!confirmed.ok) throw new Error(`confirm failed: ${confirmed.error.message}`);
  return { user, caller, secret, recoveryCodes: confirmed.value.recoveryCodes };
}

/** The password step of a two-factor sign-in: the challenge it answers. */
export async function challengeFor(username: string, kind: "api" | "browser" = "api", password = PASSWORD) {
  const r = await signInWithPassword({ login: username, password }, kind, NO_CLIENT);
  if (!r.ok || !("mfa" in r.value)) throw new Error("expected a challenge");
  return r.value.mfa.challenge;
}
