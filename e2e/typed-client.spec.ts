import { apiClient, bearer } from "./api-client";
import { expect, test } from "./api-test";
import { newPerson, remember } from "./helpers";

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
  const token = remember(signIn.data!.token);
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
