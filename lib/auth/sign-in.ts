import "server-only";
import { createSession, type NewSession } from "../sessions/create";
import type { ClientInfo } from "../sessions/client-info";
import { fail, ok, type Result } from "../result";
import { findUserByLogin } from "../users/find";
import { toUserDto, type UserDto } from "../users/dto";
import { validate } from "../validation";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { signInSchema } from "./schemas";

export const BAD_CREDENTIALS = "Incorrect username, email or password.";

/**
 * Checks a login and password and opens a session. An unknown account costs the same bcrypt compare
 * as a wrong password and answers the same error; so does a disabled account.
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
  const valid = user ? await verifyPassword(password, user.passwordHash) : await burnPasswordCheck(password);
  // A disabled account answers exactly like a wrong password, after the same compare.
  if (!user || !valid || user.disabledAt) return fail("unauthorized", BAD_CREDENTIALS);
  const session = await createSession(user.id, kind, client);
  return ok({ user: toUserDto(user), session });
}
