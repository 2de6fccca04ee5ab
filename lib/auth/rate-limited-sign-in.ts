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

/**
 * What authorize() throws when the right password was given for a disabled account: the sign-in
 * form says the account is disabled (Auth.js's own callback refuses it like any failed sign-in).
 */
export class AccountDisabledSignIn extends CredentialsSignin {
  code = "account_disabled";
  constructor() {
    super("account disabled");
  }
}
