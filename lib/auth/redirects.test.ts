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
