import { describe, expect, it } from "vitest";
import { idTokenClaims, oidcProfile } from "./oidc";
import { asAuthUser, profileFromAuthUser, providerProfile } from "./profile";

const jwt = (claims: object) => ["e30", Buffer.from(JSON.stringify(claims)).toString("base64url"), "sig"].join(".");

describe("the OIDC profile", () => {
  it("takes the email from userinfo when the ID token has none, with its own email_verified", () => {
    const p = oidcProfile(
      "oidc",
      { sub: "s1", email: "Ann@Example.TEST", email_verified: true, preferred_username: "ann" },
      idTokenClaims(jwt({ sub: "s1", auth_time: 1_700_000_000 })),
    );
    expect(p).toMatchObject({
      provider: "oidc",
      subject: "s1",
      email: "ann@example.test",
      emailVerified: true,
      preferredUsername: "ann",
      authTime: 1_700_000_000,
    });
  });

  it("never counts an email verified without email_verified: true from the source that gave it", () => {
    const p = oidcProfile(
      "oidc",
      { sub: "s2", email: "b@example.test" },
      { sub: "s2", email: "c@example.test", email_verified: true },
    );
    expect(p).toMatchObject({ email: "b@example.test", emailVerified: false });
    expect(oidcProfile("oidc", { sub: "s3" }, { sub: "s3" })).toMatchObject({ email: null, emailVerified: false });
  });

  it("refuses a profile without a subject, and reads back only a well-formed one", () => {
    expect(() => providerProfile({ provider: "oidc", subject: "" })).toThrow(/no subject/);
    const p = providerProfile({ provider: "github", subject: 42, email: "not-an-email", emailVerified: true });
    expect(p).toMatchObject({ subject: "42", email: null, emailVerified: false });
    expect(profileFromAuthUser(asAuthUser(p))).toEqual(p);
    expect(profileFromAuthUser({ id: "x", identityProfile: { provider: "evil", subject: "1" } })).toBeNull();
  });
});
