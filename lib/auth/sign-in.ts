import "server-only";
import { createSession, type NewSession } from "../sessions/create";
import type { ClientInfo } from "../sessions/client-info";
import { rateLimited } from "../security/rate-limited";
import { fail, ok, type Result } from "../result";
import { findUserByLogin } from "../users/find";
import { toUserDto, type UserDto } from "../users/dto";
import { normaliseEmail, usernameKey } from "../users/schemas";
import { validate } from "../validation";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { signInSchema } from "./schemas";
import { admitSignIn, signInFailed, signInSucceeded, type Attempt } from "./sign-in-limits";

export const BAD_CREDENTIALS = "Incorrect username, email or password.";

/**
 * Checks a login and password and opens a session. An unknown account costs the same bcrypt compare
 * as a wrong password and answers the same error; so does a disabled account. Over a limit
 * (lib/auth/sign-in-limits.ts) it answers rate_limited without comparing any password.
 */
export async function signIn(
  input: unknown,
  kind: "browser" | "api",
  client: ClientInfo,
): Promise<Result<{ user: UserDto; session: NewSession }>> {
  const parsed = validate(signInSchema, input);
  if (!parsed.ok) return parsed;
  const { login, password } = parsed.value;
  const user = await findUserByLogin(login);
  const attempt: Attempt = {
    account: user ? `user:${user.id}` : `login:${login.includes("@") ? normaliseEmail(login) : usernameKey(login)}`,
    userId: user?.id ?? null,
    client,
  };
  const admitted = await admitSignIn(attempt);
  if (!admitted.ok) return rateLimited(admitted.retryAfter);
  const valid = user ? await verifyPassword(password, user.passwordHash) : await burnPasswordCheck(password);
  // A disabled account answers exactly like a wrong password, after the same compare.
  if (!user || !valid || user.disabledAt) {
    await signInFailed(attempt, !user ? "unknown_account" : !valid ? "wrong_password" : "disabled");
    return fail("unauthorized", BAD_CREDENTIALS);
  }
  const session = await createSession(user.id, kind, client);
  await signInSucceeded(attempt, kind, admitted);
  return ok({ user: toUserDto(user), session });
}
