import "server-only";
import { json } from "../http/route";
import type { MfaPending } from "./second-step";
import type { UserDto } from "../users/dto";
import type { IssuedSessionDto } from "../sessions/dto-schemas";
import type { NewSession } from "../sessions/create";

/** A sign-in's 201: the token, once. POST /api/sessions and POST /api/sessions/mfa answer the same body. */
export const issuedSession = ({ user, session }: { user: UserDto; session: NewSession }) =>
  json(
    {
      token: session.token,
      tokenType: "Bearer",
      expiresAt: session.expiresAt.toISOString(),
      user,
    } satisfies IssuedSessionDto,
    201,
  );

/** The right password for an account with two-factor on: 202, a challenge, no session. */
export const mfaRequired = ({ challenge, expiresAt, methods }: MfaPending) =>
  json({ mfaRequired: true, challenge, methods: [...methods], expiresAt: expiresAt.toISOString() }, 202);
