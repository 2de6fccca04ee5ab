import { CredentialsSignin } from "next-auth";

/**
 * What authorize() throws when a sign-in is refused by a rate limit: Auth.js passes it through to
 * the sign-in action (which tells the person when to try again) instead of the plain
 * "wrong credentials" CredentialsSignin.
 */
export class RateLimitedSignIn extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfter: number) {
    super("rate limited");
  }
}
