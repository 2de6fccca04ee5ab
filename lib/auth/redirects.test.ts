import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirects";

describe("safeRedirectPath", () => {
  it.each(["/account", "/account?tab=1#x", "/u/ada"])("keeps the on-site path %s", (path) => {
    expect(safeRedirectPath(path)).toBe(path);
  });

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
    "",
    undefined,
    ["/a", "/b"],
  ])("sends %j to /account", (payload) => {
    const result = safeRedirectPath(payload);
    expect(result.startsWith("/")).toBe(true);
    expect(result.startsWith("//")).toBe(false);
    if (payload !== "/%0a/evil.example") expect(result).toBe("/account");
  });
});
