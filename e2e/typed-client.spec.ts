import { apiClient, bearer } from "./api-client";
import { expect, test } from "./api-test";
import { newPerson, remember } from "./helpers";
import { apiDocument } from "./openapi-validator";

/** A program's whole round trip through the typed client; a change in the document fails type-checking here. */
test("the typed client signs up, signs in, reads and edits the account, lists sessions and signs out", async ({
  baseURL,
}) => {
  const api = apiClient(baseURL!);
  const person = newPerson("tc");

  const signUp = await api.POST("/api/users", { body: { ...person, displayName: "Typed" } });
  expect(signUp.response.status).toBe(201);
  expect(signUp.data?.username).toBe(person.username);

  const refused = await api.POST("/api/users", { body: { ...person, username: "x" } });
  expect(refused.response.status).toBe(400);
  expect(refused.error?.errors?.username).toBeDefined();

  const signIn = await api.POST("/api/sessions", { body: { login: person.email, password: person.password } });
  expect(signIn.response.status).toBe(201);
  if (!signIn.data || !("token" in signIn.data)) throw new Error("expected a session, not a two-factor challenge");
  const token = remember(signIn.data.token);
  const headers = bearer(token);

  const me = await api.GET("/api/users/me", { headers });
  expect(me.data).toEqual(signUp.data);

  const edited = await api.PATCH("/api/users/me", { headers, body: { bio: "Set through the typed client." } });
  expect(edited.data?.bio).toBe("Set through the typed client.");

  const profile = await api.GET("/api/users/{username}", { params: { path: { username: person.username } } });
  expect(profile.data).toMatchObject({ username: person.username, bio: "Set through the typed client." });

  const sessions = await api.GET("/api/sessions", { headers });
  expect(sessions.data?.sessions.filter((s) => s.current)).toHaveLength(1);

  const events = await api.GET("/api/users/me/events", { headers, params: { query: { limit: 5 } } });
  expect(events.data?.events[0]?.type).toBe("sign_in.succeeded");

  const out = await api.DELETE("/api/sessions/current", { headers });
  expect(out.response.status).toBe(204);
  const after = await api.GET("/api/users/me", { headers });
  expect(after.response.status).toBe(401);
  expect(after.response.headers.get("www-authenticate")).toMatch(/^Bearer/);
});

test("the response check refuses a field the document does not have, a missing one, and an undocumented status", async ({
  request,
  baseURL,
}) => {
  const doc = await apiDocument(baseURL!);
  const me = await (await request.post("/api/users", { data: newPerson("vc") })).json();
  const answer = (status: number, body: unknown) => ({
    method: "GET",
    url: `${baseURL}/api/users/me`,
    status,
    contentType: "application/json",
    body: async () => JSON.stringify(body),
  });
  await doc.check(answer(200, me));
  await expect(doc.check(answer(200, { ...me, passwordHash: "$2b$..." }))).rejects.toThrow(/additional/);
  const withoutEmail = Object.fromEntries(Object.entries(me).filter(([key]) => key !== "email"));
  await expect(doc.check(answer(200, withoutEmail))).rejects.toThrow(/email/);
  await expect(doc.check(answer(418, me))).rejects.toThrow(/not in the OpenAPI document/);
});
