import { describe, expect, it } from "vitest";
import { crossSiteAction, sameOriginRequest } from "./cross-site";

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

describe("sameOriginRequest (when the passkey routes take the session cookie)", () => {
  const host = { host: "accounts.example" };
  it.each([
    ["a change with a forged Origin", "DELETE", { ...host, origin: "https://evil.example" }],
    ["a change with a null Origin", "POST", { ...host, origin: "null" }],
    ["a change from another port", "PATCH", { ...host, origin: "https://accounts.example:8443" }],
    ["a change the browser calls cross-site", "POST", { ...host, "sec-fetch-site": "cross-site" }],
    ["a read the browser calls same-site", "GET", { ...host, "sec-fetch-site": "same-site" }],
  ])("refuses %s", (_name, method, headers) => {
    expect(sameOriginRequest(method, h(headers))).toBe(false);
  });

  it.each([
    [
      "the page's own change",
      "DELETE",
      { ...host, origin: "https://accounts.example", "sec-fetch-site": "same-origin" },
    ],
    [
      "through a proxy",
      "POST",
      { host: "internal:3000", "x-forwarded-host": "accounts.example", origin: "https://accounts.example" },
    ],
    ["no Origin at all (not a browser's cross-site request)", "POST", host],
    ["a read", "GET", { ...host, "sec-fetch-site": "same-origin" }],
  ])("lets through %s", (_name, method, headers) => {
    expect(sameOriginRequest(method, h(headers))).toBe(true);
  });
});
