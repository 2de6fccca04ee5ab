/**
 * A real OpenID provider for the tests (the npm `oidc-provider` package, dev dependency only), on loopback:
 *   node e2e/oidc-provider.mjs <port> <app base URL>
 * Issuer http://127.0.0.1:<port>; one confidential client (`accounts-e2e` / `accounts-e2e-secret`) whose
 * redirect URI is <app>/api/auth/callback/oidc. Its development login form takes any login, which names the
 * account: `sub`, or `sub|email|verified` / `sub|email|unverified`, or `sub|-` for no email claim at all.
 * A plain `sub` has the email `<sub>@oidc.test`, verified. Fixed accounts the specs name:
 *   verified → verified@oidc.test (verified) · unverified → taken@accounts.test (not verified) · noemail → none.
 * The email is released only through userinfo (a conformant provider: the ID token carries no email once an
 * access token is issued), the ID token always carries auth_time.
 */
import Provider from "oidc-provider";

const port = Number(process.argv[2] ?? 3190);
const app = (process.argv[3] ?? "http://127.0.0.1:3100").replace(/\/+$/, "");
// Further apps (servers a spec starts of its own) that may use the same client: their callbacks are registered too.
const moreApps = process.argv.slice(4).map((url) => url.replace(/\/+$/, ""));
const issuer = `http://127.0.0.1:${port}`;

export const FIXED = {
  verified: { email: "verified@oidc.test", email_verified: true },
  unverified: { email: "taken@accounts.test", email_verified: false },
  noemail: {},
};

function claimsOf(login) {
  const [sub, email, verified] = String(login).split("|");
  if (FIXED[sub] && email === undefined) return { sub, preferred_username: sub, ...FIXED[sub] };
  if (email === "-") return { sub, preferred_username: sub };
  return {
    sub,
    preferred_username: sub,
    name: `Test ${sub}`,
    email: (email ?? `${sub}@oidc.test`).toLowerCase(),
    email_verified: verified !== "unverified",
  };
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "accounts-e2e",
      client_secret: "accounts-e2e-secret",
      redirect_uris: [app, ...moreApps].map((url) => `${url}/api/auth/callback/oidc`),
      grant_types: ["authorization_code"],
      response_types: ["code"],
      require_auth_time: true,
    },
  ],
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name", "preferred_username"],
  },
  async findAccount(_ctx, sub) {
    const login = Buffer.from(sub, "base64url").toString("utf8");
    const claims = claimsOf(login);
    return { accountId: sub, claims: async () => ({ ...claims, sub: claims.sub }) };
  },
  pkce: { required: () => true },
  cookies: { keys: ["accounts-e2e-oidc-cookie-key"] },
  features: { devInteractions: { enabled: true } },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600 },
});

// The dev login form's login is the account id: kept as base64url, so any text (with | and @) is a valid id.
const original = provider.interactionFinished.bind(provider);
provider.interactionFinished = (req, res, result, options) => {
  if (result?.login?.accountId) result.login.accountId = Buffer.from(result.login.accountId).toString("base64url");
  return original(req, res, result, options);
};

provider.listen(port, "127.0.0.1", () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
