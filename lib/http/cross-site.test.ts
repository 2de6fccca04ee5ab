import { describe, expect, it } from "vitest";
import { crossSiteAction } from "./cross-site";

const h = (init: Record<string, string>) => new Headers(init);
const action = { "next-action": "abc123", host: "accounts.example" };

describe("crossSiteAction (the rule Next.js applies to server actions)", () => {
  it.each([
    ["a forged Origin", { ...action, origin: "https://evil.example" }],
    ["a null Origin", { ...action, origin: "null" }],
    ["an Origin that is not a URL", { ...action, origin: "not a url" }],
    [
      "a multipart form from elsewhere",
      { host: "accounts.example", "content-type": "multipart/form-data; boundary=x", origin: "https://evil.example" },
    ],
    ["a port that differs", { ...action, origin: "https://accounts.example:8443" }],
  ])("refuses %s", (_name, headers) => {
    expect(crossSiteAction("POST", h(headers))).toMatchObject({ refused: true });
  });

  it.each([
    ["the same host", { ...action, origin: "https://accounts.example" }],
    [
      "the forwarded host",
      { ...action, host: "internal:3000", "x-forwarded-host": "accounts.example", origin: "https://accounts.example" },
    ],
    ["no Origin (Next.js lets it through)", action],
    ["a GET", { ...action, origin: "https://evil.example" }],
    [
      "a POST that is not an action",
      { host: "accounts.example", "content-type": "application/json", origin: "https://evil.example" },
    ],
  ])("lets through %s", (name, headers) => {
    expect(crossSiteAction(name === "a GET" ? "GET" : "POST", h(headers))).toEqual({ refused: false });
  });
});
