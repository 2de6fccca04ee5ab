import { describe, expect, it } from "vitest";
import { GET as feedRoute } from "@/app/api/feed/route";
import { DELETE as unfollowRoute, PUT as followRoute } from "@/app/api/users/[username]/follow/route";
import { GET as followersRoute } from "@/app/api/users/[username]/followers/route";
import { GET as followingRoute } from "@/app/api/users/[username]/following/route";
import { GET as profileRoute } from "@/app/api/users/[username]/route";
import { POST as createKeyRoute } from "@/app/api/users/me/api-keys/route";
import { getDb } from "@/db/client";
import { signedInAccount } from "@/vitest/passwordless";

/** The API of issue 33, as a program calls it: statuses, codes, fields and the API key scopes. */
await getDb();

const url = (path: string) => `http://localhost${path}`;
const named = (username: string) => ({ params: Promise.resolve({ username }) });
const noContext = { params: Promise.resolve({}) };

function call(method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers["content-type"] = "application/json";
  return new Request(url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function key(token: string, scopes: string[]): Promise<string> {
  const res = await createKeyRoute(call("POST", "/api/users/me/api-keys", token, { name: "k", scopes }), noContext);
  expect(res.status).toBe(201);
  return ((await res.json()) as { key: string }).key;
}

describe("the follows API", () => {
  it("PUT and DELETE /api/users/{username}/follow answer 204, 400 cannot_follow_self, 404, 401", async () => {
    const a = await signedInAccount("ra");
    const b = await signedInAccount("rb");
    const path = `/api/users/${b.user.username}/follow`;
    for (let i = 0; i < 2; i++)
      expect((await followRoute(call("PUT", path, a.token), named(b.user.username))).status).toBe(204);
    const self = await followRoute(
      call("PUT", `/api/users/${a.user.username}/follow`, a.token),
      named(a.user.username),
    );
    expect(self.status).toBe(400);
    expect(await self.json()).toMatchObject({ code: "cannot_follow_self" });
    expect(
      (await followRoute(call("PUT", "/api/users/nobody-at-all/follow", a.token), named("nobody-at-all"))).status,
    ).toBe(404);
    expect((await followRoute(call("PUT", path), named(b.user.username))).status).toBe(401);

    const profile = await profileRoute(call("GET", `/api/users/${b.user.username}`, a.token), named(b.user.username));
    expect(await profile.json()).toMatchObject({ followers: 1, following: 0, posts: 0, followedByYou: true });
    const anonymous = await (
      await profileRoute(call("GET", `/api/users/${b.user.username}`), named(b.user.username))
    ).json();
    expect(anonymous).toMatchObject({ followers: 1, following: 0, posts: 0 });
    expect(anonymous).not.toHaveProperty("followedByYou");

    const followers = await followersRoute(
      call("GET", `/api/users/${b.user.username}/followers?limit=5&cursor=`),
      named(b.user.username),
    );
    expect(await followers.json()).toEqual({
      users: [{ username: a.user.username, displayName: a.user.displayName, avatarUrl: null }],
      nextCursor: null,
    });
    const following = await followingRoute(
      call("GET", `/api/users/${a.user.username}/following?limit=0`),
      named(a.user.username),
    );
    expect(following.status).toBe(400);

    for (let i = 0; i < 2; i++)
      expect((await unfollowRoute(call("DELETE", path, a.token), named(b.user.username))).status).toBe(204);
    const after = await (
      await profileRoute(call("GET", `/api/users/${b.user.username}`, a.token), named(b.user.username))
    ).json();
    expect(after).toMatchObject({ followers: 0, followedByYou: false });
  });

  it("an API key needs profile:write to follow and posts:read for the feed", async () => {
    const a = await signedInAccount("rk");
    const b = await signedInAccount("rl");
    const readOnly = await key(a.token, ["posts:read"]);
    const writer = await key(a.token, ["profile:write"]);
    const path = `/api/users/${b.user.username}/follow`;
    const refused = await followRoute(call("PUT", path, readOnly), named(b.user.username));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "insufficient_scope", scope: "profile:write" });
    expect((await followRoute(call("PUT", path, writer), named(b.user.username))).status).toBe(204);
    const noFeed = await feedRoute(call("GET", "/api/feed", writer), noContext);
    expect(noFeed.status).toBe(403);
    expect(await noFeed.json()).toMatchObject({ code: "insufficient_scope", scope: "posts:read" });
    const feed = await feedRoute(call("GET", "/api/feed?limit=10", readOnly), noContext);
    expect(feed.status).toBe(200);
    expect(await feed.json()).toEqual({ posts: [], nextCursor: null });
    expect((await feedRoute(call("GET", "/api/feed"), noContext)).status).toBe(401);
    expect((await feedRoute(call("GET", "/api/feed?cursor=bad", a.token), noContext)).status).toBe(400);
    // Without profile:read the profile answers, without followedByYou.
    const profile = await (
      await profileRoute(call("GET", `/api/users/${b.user.username}`, readOnly), named(b.user.username))
    ).json();
    expect(profile).not.toHaveProperty("followedByYou");
  });
});
