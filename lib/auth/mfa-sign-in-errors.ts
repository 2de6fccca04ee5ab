import { CredentialsSignin } from "next-auth";

/** authorize() found the right password on an account with two-factor on: no session; the second step next. */
export class MfaRequiredSignIn extends CredentialsSignin {
  code = "mfa_required";
}

/** The second step was refused: a wrong code (`wrong_code`) or no live challenge (`challenge_gone`). */
export class MfaCodeRefused extends CredentialsSignin {
  constructor(readonly reason: "wrong_code" | "challenge_gone") {
    super(reason);
    this.code = reason;
  }
}

/** A passkey sign-in was refused; `detail` is the message to show (unknown passkey, or not verified). */
export class PasskeyRefused extends CredentialsSignin {
  code = "passkey_refused";
  constructor(readonly detail: string) {
    super(detail);
  }
}
