import { describe, expect, it } from "vitest";
import { wellFormedTarget } from "./well-formed-path.mjs";

describe("wellFormedTarget", () => {
  it("leaves a target that decodes alone", () => {
    for (const t of ["/", "/api/users/alice", "/u/a%2Fb?x=%ED%A0%80", "/api/users/a%00b", "/%E2%82%AC"])
      expect(wellFormedTarget(t)).toBe(t);
  });

  it("re-encodes a segment that is not UTF-8 from its lenient decoding", () => {
    expect(wellFormedTarget("/api/users/%ED%A0%80")).toBe("/api/users/%EF%BF%BD%EF%BF%BD%EF%BF%BD");
    expect(wellFormedTarget("/u/%C3")).toBe("/u/%EF%BF%BD");
    expect(wellFormedTarget("/u/a%C3%A9%FF")).toBe("/u/a%C3%A9%EF%BF%BD");
  });

  it("keeps a stray percent sign as a literal one, and the query as it was", () => {
    expect(wellFormedTarget("/u/%zz?callbackUrl=%zz")).toBe("/u/%25zz?callbackUrl=%zz");
    expect(wellFormedTarget("/api/sessions/%")).toBe("/api/sessions/%25");
  });

  it("touches only the segments that fail", () => {
    expect(wellFormedTarget("/a%20b/%ED/c%2Fd")).toBe("/a%20b/%EF%BF%BD/c%2Fd");
  });
});
