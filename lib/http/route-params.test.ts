import { describe, expect, it } from "vitest";
import { DELETE as deleteSession } from "@/app/api/sessions/[id]/route";
import { GET as getUser } from "@/app/api/users/[username]/route";
import { GET as getEvents } from "@/app/api/users/me/events/route";
import { createSession } from "@/lib/sessions/create";
import { NO_CLIENT, newUser } from "@/vitest/people";
import { getPublicProfile } from "../users/public-profile";

// The route handlers themselves, on PGlite and on PostgreSQL: a path parameter that could not name
// anything is a 404 and a bad query parameter a 400, before any query (PostgreSQL refuses a NUL in
// text: before, these were 500s with the failed query in the log).

const BAD_SEGMENTS = ["a\u0000b", "\u0000", "\uD800", "\uFFFD", "a\u202Eb", "x".repeat(10_000), "%", "a/b", " ", ""];

const params = <T>(value: T) => ({ params: Promise.resolve(value) });
const url = (path: string) => `http://localhost${path}`;

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  expect(response.headers.get("set-cookie")).toBeNull();
  const body = await response.json();
  expect(body).toMatchObject({ status });
  return body;
}

describe("GET /api/users/[username]", () => {
  it("answers a segment that could not be a username with 404", async () => {
    for (const username of BAD_SEGMENTS) {
      const response = await getUser(new Request(url("/api/users/x")), params({ username }));
      const body = await expectProblem(response, 404);
      expect(body.detail).toBe("There is no account with this username.");
    }
  });

  it("still finds an account, whatever the case or width of the name", async () => {
    const user = await newUser("pp");
    const wide = [...user.username.toUpperCase()].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join("");
    for (const username of [user.username, user.username.toUpperCase(), ` ${user.username} `, wide]) {
      const response = await getUser(new Request(url("/api/users/x")), params({ username }));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ username: user.username });
    }
  });

  it("getPublicProfile refuses such names itself, without a query", async () => {
    for (const username of BAD_SEGMENTS) expect(await getPublicProfile(username)).toBeNull();
  });
});

describe("DELETE /api/sessions/[id]", () => {
  it("answers an id that is not a UUID with 404, and still ends one that is", async () => {
    const user = await newUser("ps");
    const me = await createSession(user.id, "api", NO_CLIENT);
    const other = await createSession(user.id, "api", NO_CLIENT);
    const auth = { headers: { authorization: `Bearer ${me.token}` } };
    for (const id of [...BAD_SEGMENTS, "not-a-uuid", `${other.id}\u0000`, `${other.id} `]) {
      const response = await deleteSession(
        new Request(url("/api/sessions/x"), { method: "DELETE", ...auth }),
        params({ id }),
      );
      await expectProblem(response, 404);
    }
    const response = await deleteSession(
      new Request(url("/api/sessions/x"), { method: "DELETE", ...auth }),
      params({ id: other.id }),
    );
    expect(response.status).toBe(204);
  });

  it("asks who is calling first: without a token it is 401", async () => {
    const response = await deleteSession(
      new Request(url("/api/sessions/x"), { method: "DELETE" }),
      params({ id: "\uD800" }),
    );
    await expectProblem(response, 401);
  });
});

describe("GET /api/users/me/events", () => {
  it("answers a bad cursor or limit with 400 naming it", async () => {
    const user = await newUser("pe");
    const me = await createSession(user.id, "api", NO_CLIENT);
    const headers = { authorization: `Bearer ${me.token}` };
    const cases: [string, string][] = [
      ["?limit=abc", "limit"],
      ["?limit=0", "limit"],
      ["?limit=101", "limit"],
      ["?limit=1e308", "limit"],
      ["?limit=1&limit=2", "limit"],
      ["?cursor=x", "cursor"],
      ["?cursor=%00", "cursor"],
      ["?cursor=%ED%A0%80", "cursor"],
      ["?cursor=-1", "cursor"],
      ["?cursor=1&cursor=2", "cursor"],
      ["?cursor=99999999999999999999", "cursor"],
    ];
    for (const [query, field] of cases) {
      const body = await expectProblem(
        await getEvents(new Request(url(`/api/users/me/events${query}`), { headers }), {}),
        400,
      );
      expect(Object.keys(body.errors)).toEqual([field]);
    }
  });

  it("serves a good query, and ignores parameters it does not know", async () => {
    const user = await newUser("pg");
    const me = await createSession(user.id, "api", NO_CLIENT);
    const headers = { authorization: `Bearer ${me.token}` };
    for (const query of ["", "?limit=1", "?limit=&cursor=", "?cursor=1", "?__proto__=x&constructor=y"]) {
      const response = await getEvents(new Request(url(`/api/users/me/events${query}`), { headers }), {});
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ events: expect.any(Array) });
    }
  });
});
