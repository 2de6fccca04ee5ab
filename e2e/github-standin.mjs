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
 * A local stand-in for GitHub's OAuth app endpoints and REST API, serving their answers' shapes:
 * `GET|POST /login/oauth/authorize` (a consent page: type a login, "Authorize" or "Cancel"),
 * `POST /login/oauth/access_token` (JSON when asked, else form-encoded; errors as 200 `{error}` as GitHub does),
 * `GET /user` (public email only), `GET /user/emails` (every address with `primary` and `verified`).
 * `POST /_standin/users` `{login, name?, publicEmail?, emails: [{email, primary, verified}], bioBytes?}` adds a
 * person (`bioBytes`: a bio that long, up to 1 MiB, for an oversized answer) and answers `{id, login}`. Seeded people:
 * - `octo-verified`: primary address verified (also public);
 * - `octo-unverified`: primary address unverified (and public), a second address verified;
 * - `octo-private`: no public address, primary verified.
 *
 * Ids start from the clock, so a restarted stand-in never reuses an id an old test database has seen.
 * Run: `node e2e/github-standin.mjs <port> <client id> <client secret> [registered redirect URI]`,
 * or import `startGitHubStandin`.
 */
/** @param {{port?: number, clientId: string, clientSecret: string, redirectUri?: string}} options */
export async function startGitHubStandin({ port = 0, clientId, clientSecret, redirectUri }) {
  let nextId = Math.floor(Date.now() / 1000) * 100;
  const users = new Map(); // login → user
  const tokens = new Map(); // access token → login
  const codes = codeStore();
  remember(clientSecret);

  function addUser({ login, name = null, publicEmail = null, emails = [], bioBytes = 0 }) {
    if (typeof login !== "string" || !/^[A-Za-z0-9-]{1,39}$/.test(login)) throw new Error("bad login");
    const user = {
      id: nextId++,
      login,
      name,
      publicEmail,
      emails,
      bio: "x".repeat(Math.min(Number(bioBytes) || 0, 2 ** 20)),
    };
    users.set(login.toLowerCase(), user);
    return user;
  }
  addUser({
    login: "octo-verified",
    name: "Octo Verified",
    publicEmail: "octo-verified@github-standin.test",
    emails: [{ email: "octo-verified@github-standin.test", primary: true, verified: true }],
  });
  addUser({
    login: "octo-unverified",
    publicEmail: "octo-unverified@github-standin.test",
    emails: [
      { email: "octo-unverified@github-standin.test", primary: true, verified: false },
      { email: "octo-second@github-standin.test", primary: false, verified: true },
    ],
  });
  addUser({
    login: "octo-private",
    emails: [{ email: "octo-private@github-standin.test", primary: true, verified: true }],
  });

  async function authorize(req, res, url) {
    const params = req.method === "POST" ? await readParams(req) : Object.fromEntries(url.searchParams);
    const { client_id, redirect_uri, state, code_challenge, code_challenge_method, decision, login, ...rest } = params;
    if (client_id !== clientId) return send(res, 404, "<!doctype html><title>Not found</title><p>Unknown client");
    if (!redirect_uri || (redirectUri && redirect_uri !== redirectUri)) {
      return send(res, 400, "<!doctype html><title>Bad redirect</title><p>The redirect_uri is not registered");
    }
    const back = new URL(redirect_uri);
    if (state !== undefined) back.searchParams.set("state", state);
    const carried = { client_id, redirect_uri, ...rest };
    if (state !== undefined) carried.state = state;
    if (code_challenge !== undefined) Object.assign(carried, { code_challenge, code_challenge_method });
    if (req.method === "GET" || !decision)
      return send(res, 200, consentPage("Authorize (GitHub stand-in)", "/login/oauth/authorize", carried));
    if (decision === "deny") {
      back.searchParams.set("error", "access_denied");
      back.searchParams.set("error_description", "The user has denied your application access.");
      return redirect(res, back.toString());
    }
    const user = users.get(String(login ?? "").toLowerCase());
    if (!user)
      return send(
        res,
        200,
        consentPage("Authorize (GitHub stand-in)", "/login/oauth/authorize", carried, "No such login"),
      );
    const code = codes.issue({
      login: user.login,
      clientId: client_id,
      redirectUri: redirect_uri,
      codeChallenge: code_challenge,
      codeChallengeMethod: code_challenge_method,
    });
    back.searchParams.set("code", code);
    return redirect(res, back.toString());
  }

  async function accessToken(req, res) {
    const params = await readParams(req);
    const client = clientCredentials(req, params);
    const wantsJson = (req.headers.accept ?? "").includes("json");
    const answer = (body) =>
      wantsJson
        ? send(res, 200, body)
        : send(res, 200, new URLSearchParams(body).toString(), { "content-type": "application/x-www-form-urlencoded" });
    if (client.id !== clientId || client.secret !== clientSecret) {
      return answer({
        error: "incorrect_client_credentials",
        error_description: "The client_id and/or client_secret passed are incorrect.",
      });
    }
    const grant = codes.take(params.code);
    if (!grant || grant.clientId !== client.id || (params.redirect_uri && params.redirect_uri !== grant.redirectUri)) {
      return answer({ error: "bad_verification_code", error_description: "The code passed is incorrect or expired." });
    }
    if (!pkceMatches(grant, params.code_verifier)) {
      return answer({ error: "bad_verification_code", error_description: "The code_verifier does not match." });
    }
    const accessToken = remember(`gho_${token()}`);
    tokens.set(accessToken, grant.login);
    return answer({ access_token: accessToken, token_type: "bearer", scope: "read:user,user:email" });
  }

  function api(req, res, path) {
    const login = tokens.get(bearer(req) ?? "");
    const user = login && users.get(login.toLowerCase());
    if (!user) return send(res, 401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
    if (path === "/user") {
      return send(res, 200, {
        login: user.login,
        id: user.id,
        node_id: `U_${user.id}`,
        avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
        type: "User",
        name: user.name,
        email: user.publicEmail,
        bio: user.bio || null,
      });
    }
    return send(
      res,
      200,
      user.emails.map((e) => ({ ...e, visibility: e.email === user.publicEmail ? "public" : null })),
    );
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (url.pathname === "/login/oauth/authorize") return await authorize(req, res, url);
      if (url.pathname === "/login/oauth/access_token" && req.method === "POST") return await accessToken(req, res);
      if ((url.pathname === "/user" || url.pathname === "/user/emails") && req.method === "GET") {
        return api(req, res, url.pathname);
      }
      if (url.pathname === "/_standin/users" && req.method === "POST") {
        return send(res, 201, (({ id, login }) => ({ id, login }))(addUser(await readParams(req))));
      }
      if (url.pathname === "/_standin/health") return send(res, 200, { ok: true });
      return send(res, 404, { message: "Not Found" });
    } catch (error) {
      return send(res, 400, { message: String(error?.message ?? error) });
    }
  });
  const url = await listen(server, port);
  return { url, addUser, close: () => new Promise((resolve) => server.close(resolve)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
  const { url } = await startGitHubStandin({ port: Number(port), clientId, clientSecret, redirectUri });
  console.log(`GitHub stand-in at ${url}`);
}
