import { describe, expect, it } from "vitest";
import { newUser, NO_CLIENT, PASSWORD } from "@/vitest/people";
import { signIn } from "../auth/sign-in";
import { sessionSummary } from "./summary";

const from = { ip: "203.0.113.5", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36" };

describe("the overview's session summary", () => {
  it("counts live sessions and names the sign-in before the caller's own", async () => {
    const user = await newUser("ss");
    const first = await signIn({ login: user.username, password: PASSWORD }, "api", from);
    if (!first.ok) throw new Error("sign-in failed");
    expect(await sessionSummary(user.id, first.value.session.id)).toEqual({ active: 1, previousSignIn: null });
    await new Promise((r) => setTimeout(r, 5));
    const second = await signIn({ login: user.username, password: PASSWORD }, "api", NO_CLIENT);
    if (!second.ok) throw new Error("sign-in failed");
    expect(await sessionSummary(user.id, second.value.session.id)).toEqual({
      active: 2,
      previousSignIn: { at: expect.any(String), device: "Chrome on Linux", ip: "203.0.113.5" },
    });
  });
});
