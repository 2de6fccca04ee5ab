import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import {
  bearer,
  clientCredentials,
  codeStore,
  consentPage,
  listen,
  pkceMatches,
  readParams,
  redirect,
  remember,
  send,
  token,
} from "./standin-common.mjs";

/**
 * A local stand-in for Google's OpenID Connect endpoints, with their paths and answers' shapes: the discovery
 * document, `/o/oauth2/v2/auth` (a consent page: type a login, "Authorize" or "Cancel"), `/token` (an RS256 ID
 * token with `nonce`, `azp`, `at_hash`, and `auth_time` when `max_age` was asked), `/v1/userinfo`,
 * `/oauth2/v3/certs`. `POST /_standin/users` `{login, email?, emailVerified?, name?, emailInIdToken?}` adds a
 * person (`sub` is made up) and answers `{sub, login}`. Seeded people: `g-verified` (email verified),
 * `g-unverified` (email_verified false), `g-userinfo-only` (the email only in userinfo, as a conformant provider
 * does once an access token is issued).
 *
 * Run: `node e2e/google-standin.mjs <port> <client id> <client secret> [registered redirect URI]`,
 * or import `startGoogleStandin`.
 */
/** @param {{port?: number, clientId: string, clientSecret: string, redirectUri?: string}} options */
export async function startGoogleStandin({ port = 0, clientId, clientSecret, redirectUri }) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = token().slice(0, 12);
  const users = new Map();
  const tokens = new Map();
  const codes = codeStore();
  remember(clientSecret);
  let issuer = "";
  let nextSub = BigInt(Date.now()) * 1000n;

  function addUser({ login, email = null, emailVerified = false, name = null, emailInIdToken = true }) {
    if (typeof login !== "string" || !/^[A-Za-z0-9._-]{1,64}$/.test(login)) throw new Error("bad login");
    const user = { sub: String(nextSub++), login, email, emailVerified, name, emailInIdToken };
    users.set(login.toLowerCase(), user);
    return user;
  }
  addUser({ login: "g-verified", email: "g-verified@gmail-standin.test", emailVerified: true, name: "Gee Verified" });
  addUser({ login: "g-unverified", email: "g-unverified@gmail-standin.test", emailVerified: false });
  addUser({
    login: "g-userinfo-only",
    email: "g-userinfo-only@gmail-standin.test",
    emailVerified: true,
    emailInIdToken: false,
  });

  const b64 = (v) => Buffer.from(JSON.stringify(v)).toString("base64url");
  function jwt(claims) {
    const head = `${b64({ alg: "RS256", kid, typ: "JWT" })}.${b64(claims)}`;
    return `${head}.${sign("sha256", Buffer.from(head), privateKey).toString("base64url")}`;
  }

  const profileClaims = (user) => ({
    sub: user.sub,
    name: user.name ?? undefined,
    picture: `https://lh3.googleusercontent.com/a/${user.sub}=s96-c`,
    ...(user.email ? { email: user.email, email_verified: user.emailVerified } : {}),
  });

  async function authorize(req, res, url) {
    const params = req.method === "POST" ? await readParams(req) : Object.fromEntries(url.searchParams);
    const { decision, login, ...carried } = params;
    if (carried.client_id !== clientId)
      return send(res, 401, "<!doctype html><title>Error 401: invalid_client</title>");
    if (redirectUri && carried.redirect_uri !== redirectUri) {
      return send(res, 400, "<!doctype html><title>Error 400: redirect_uri_mismatch</title>");
    }
    if (carried.response_type !== "code" || !carried.redirect_uri) {
      return send(res, 400, "<!doctype html><title>Error 400: invalid_request</title>");
    }
    if (carried.prompt && !/^(none|consent|select_account)( (consent|select_account))*$/.test(carried.prompt)) {
      return send(res, 400, "<!doctype html><title>Error 400: invalid_request</title><p>Invalid prompt");
    }
    const back = new URL(carried.redirect_uri);
    if (carried.state !== undefined) back.searchParams.set("state", carried.state);
    back.searchParams.set("iss", issuer);
    const page = (error) =>
      send(res, 200, consentPage("Sign in (Google stand-in)", "/o/oauth2/v2/auth", carried, error));
    if (req.method === "GET" || !decision) return page();
    if (decision === "deny") {
      back.searchParams.set("error", "access_denied");
      return redirect(res, back.toString());
    }
    const user = users.get(String(login ?? "").toLowerCase());
    if (!user) return page("Couldn't find your Google Account");
    back.searchParams.set(
      "code",
      codes.issue({
        sub: user.sub,
        login: user.login,
        clientId: carried.client_id,
        redirectUri: carried.redirect_uri,
        codeChallenge: carried.code_challenge,
        codeChallengeMethod: carried.code_challenge_method,
        nonce: carried.nonce,
        authTime: Math.floor(Date.now() / 1000),
        maxAgeAsked: carried.max_age !== undefined,
      }),
    );
    return redirect(res, back.toString());
  }

  async function tokenEndpoint(req, res) {
    const params = await readParams(req);
    const client = clientCredentials(req, params);
    if (client.id !== clientId || client.secret !== clientSecret) {
      return send(res, 401, { error: "invalid_client", error_description: "Unauthorized" });
    }
    const grant = params.grant_type === "authorization_code" ? codes.take(params.code) : undefined;
    if (!grant || grant.clientId !== client.id || params.redirect_uri !== grant.redirectUri) {
      return send(res, 400, { error: "invalid_grant", error_description: "Bad Request" });
    }
    if (!pkceMatches(grant, params.code_verifier)) {
      return send(res, 400, { error: "invalid_grant", error_description: "Invalid code verifier." });
    }
    const user = users.get(grant.login.toLowerCase());
    const accessToken = remember(`ya29.${token()}`);
    tokens.set(accessToken, user.login);
    const now = Math.floor(Date.now() / 1000);
    const atHash = createHash("sha256").update(accessToken).digest().subarray(0, 16).toString("base64url");
    const claims = profileClaims(user);
    if (!user.emailInIdToken) {
      delete claims.email;
      delete claims.email_verified;
    }
    const idToken = jwt({
      iss: issuer,
      azp: clientId,
      aud: clientId,
      ...claims,
      at_hash: atHash,
      ...(grant.nonce ? { nonce: grant.nonce } : {}),
      ...(grant.maxAgeAsked ? { auth_time: grant.authTime } : {}),
      iat: now,
      exp: now + 3599,
    });
    remember(idToken);
    return send(res, 200, {
      access_token: accessToken,
      expires_in: 3599,
      scope: "openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile",
      token_type: "Bearer",
      id_token: idToken,
    });
  }

  function userinfo(req, res) {
    const login = tokens.get(bearer(req) ?? "");
    const user = login && users.get(login.toLowerCase());
    if (!user) {
      return send(
        res,
        401,
        { error: "invalid_request", error_description: "Invalid Credentials" },
        {
          "www-authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
        },
      );
    }
    return send(res, 200, profileClaims(user));
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      switch (url.pathname) {
        case "/.well-known/openid-configuration":
          return send(res, 200, {
            issuer,
            authorization_endpoint: `${issuer}/o/oauth2/v2/auth`,
            token_endpoint: `${issuer}/token`,
            userinfo_endpoint: `${issuer}/v1/userinfo`,
            jwks_uri: `${issuer}/oauth2/v3/certs`,
            response_types_supported: ["code", "token", "id_token", "code token", "code id_token", "none"],
            subject_types_supported: ["public"],
            id_token_signing_alg_values_supported: ["RS256"],
            scopes_supported: ["openid", "email", "profile"],
            token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
            claims_supported: ["aud", "email", "email_verified", "exp", "iat", "iss", "name", "picture", "sub"],
            code_challenge_methods_supported: ["plain", "S256"],
            grant_types_supported: ["authorization_code", "refresh_token"],
          });
        case "/oauth2/v3/certs":
          return send(res, 200, { keys: [{ ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" }] });
        case "/o/oauth2/v2/auth":
          return await authorize(req, res, url);
        case "/token":
          return req.method === "POST" ? await tokenEndpoint(req, res) : send(res, 405, { error: "invalid_request" });
        case "/v1/userinfo":
          return userinfo(req, res);
        case "/_standin/users":
          if (req.method !== "POST") break;
          return send(res, 201, (({ sub, login }) => ({ sub, login }))(addUser(await readParams(req))));
        case "/_standin/health":
          return send(res, 200, { ok: true });
      }
      return send(res, 404, { error: "not_found" });
    } catch (error) {
      return send(res, 400, { error: "invalid_request", error_description: String(error?.message ?? error) });
    }
  });
  issuer = await listen(server, port);
  return { url: issuer, addUser, close: () => new Promise((resolve) => server.close(resolve)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
  const { url } = await startGoogleStandin({ port: Number(port), clientId, clientSecret, redirectUri });
  console.log(`Google stand-in at ${url}`);
}
