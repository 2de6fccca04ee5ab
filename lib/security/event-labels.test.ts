import { describe, expect, it } from "vitest";
import { EVENT_LABELS, eventLabel, isWarning } from "./event-labels";

describe("event labels", () => {
  it("tells a failed sign-in with its reason, and the owner or an administrator whose post went", () => {
    expect(eventLabel({ type: "sign_in.failed", detail: { reason: "wrong_password" } })).toBe(
      "Failed sign-in attempt (wrong password)",
    );
    const removed = { type: "post.removed_by_admin", detail: { title: "Hi" } };
    expect(eventLabel(removed)).toBe("An administrator removed your post 'Hi'");
    expect(eventLabel(removed, "admin")).toBe("An administrator removed a post 'Hi'");
    expect(eventLabel({ type: "admin.role_changed", detail: { role: "admin" } })).toBe(
      "An administrator changed the account's role to administrator",
    );
    expect(eventLabel({ type: "sign_in.succeeded", detail: { kind: "api", newDevice: true } })).toBe("Signed in (API)");
    expect(
      eventLabel({ type: "sign_in.succeeded", detail: { kind: "browser", method: "email", newDevice: true } }),
    ).toBe("Signed in by email from a new device");
    expect(isWarning("sign_in.failed")).toBe(true);
    expect(isWarning("sign_in.succeeded")).toBe(false);
  });

  it("falls back to the type for an event it does not know", () => {
    expect(eventLabel({ type: "something.new", detail: {} })).toBe("something.new");
    expect(Object.values(EVENT_LABELS).every((l) => l.length > 0)).toBe(true);
  });
});
