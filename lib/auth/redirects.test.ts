import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirects";

describe("safeRedirectPath", () => {
  it.each(["/account", "/account?tab=1#x", "/u/ada", "/?from=sign-in", "/search?q=a%2Fb"])(
    "keeps the on-site path %s",
    (path) => {
      expect(safeRedirectPath(path)).toBe(path);
    },
  );

  it.each([
    "//evil.example",
    "//evil.example/account",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "account",
    "/\tevil",
    "/%0a/evil.example",
    "/%2F%2Fevil.example",
    "/%2f%2fevil.example/account",
    "/%5Cevil.example",
    "/%E0%A4%A",
    // Dot segments (and their percent-encoded forms) that collapse into "//" once normalised.
    "/.//x",
    "/.//evil.example/x",
    "/a/..//x",
    "/%2e//x",
    "/%2E//x",
    "/%2e%2e//x",
    "/a/%2e%2e//evil.example",
    "/./\\x",
    "/%09/x",
    "/.%2f/evil.example",
    "/%2e%2f%2fevil.example",
    "/x/../%2F%2Fevil.example",
    "/\u0085x",
    "",
    undefined,
    ["/a", "/b"],
  ])("sends %j to /account", (payload) => {
    const result = safeRedirectPath(payload);
    expect(result.startsWith("/")).toBe(true);
    expect(result.startsWith("//")).toBe(false);
    expect(result).toBe("/account");
  });
});

describe("safeRedirectPath normalises before it checks", () => {
  it.each([
    ["/a/./b", "/a/b"],
    ["/a/../account", "/account"],
    ["/%2e/account", "/account"],
  ])("%s becomes %s", (payload, expected) => {
    expect(safeRedirectPath(payload)).toBe(expected);
  });
});
