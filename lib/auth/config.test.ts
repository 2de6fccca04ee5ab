import { describe, expect, it } from "vitest";
import { baseAuthConfig, sameSiteRedirect } from "./config";

const base = "https://accounts.example";

describe("Auth.js redirect callback", () => {
  it("is the one Auth.js uses", () => {
    const config = baseAuthConfig({ secrets: ["x".repeat(32)], secure: true, maxAgeSeconds: 60 });
    const redirect = config.callbacks?.redirect;
    expect(redirect?.({ url: "https://evil.example/", baseUrl: base })).toBe(`${base}/account`);
  });

  it.each([
    ["/account?tab=1", `${base}/account?tab=1`],
    ["/", `${base}/`],
    [`${base}/u/ada#x`, `${base}/u/ada#x`],
  ])("follows the on-site %s", (url, expected) => {
    expect(sameSiteRedirect(url, base)).toBe(expected);
  });

  it.each([
    "https://evil.example/account",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "http://accounts.example/account",
    "https://accounts.example.evil.example/",
    "https://accounts.example@evil.example/",
    "/.//evil.example/x",
    "/%2e%2e//evil.example/x",
    "https://accounts.example/.//evil.example/x",
    "https://accounts.example/%2e//evil.example/x",
    "not a url",
    "",
  ])("sends %j to this site's /account", (url) => {
    expect(sameSiteRedirect(url, base)).toBe(`${base}/account`);
  });
});
