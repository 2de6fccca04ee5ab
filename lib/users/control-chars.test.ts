import { describe, expect, it } from "vitest";
import { newUser } from "@/vitest/people";
import { signInSchema } from "../auth/schemas";
import { validate } from "../validation";
import { getPublicProfile } from "./public-profile";
import { registerUser } from "../account/register";
import { NO_BIDI, NO_CONTROL } from "../validation";
import { updateProfile } from "../account/update-profile";

let n = 0;
const fresh = () => {
  const name = `cc${Date.now().toString(36)}${(n++).toString(36)}`;
  return { username: name, email: `${name}@example.com`, password: "a good long password" };
};

describe("text fields refuse control characters (a 400 naming the field, never a 500)", () => {
  it.each([
    ["bio", "a\u0000b"],
    ["bio", "bell\u0007"],
    ["bio", "a\rb"],
    ["displayName", "Ada\u0000"],
    ["displayName", "Ada\nLovelace"],
    ["displayName", "Ada\u0085"],
    ["avatarUrl", "https://example.com/\u0000.png"],
    ["username", "ada\u0000x"],
    ["email", "ada\u0000@example.com"],
    ["password", "a good long\u0000password"],
  ])("sign-up with %s %j", async (field, value) => {
    const result = await registerUser({ ...fresh(), [field]: value });
    expect(result).toMatchObject({ ok: false, error: { code: "validation", fields: { [field]: expect.any(Array) } } });
    if (!result.ok)
      expect(result.error.fields![field]!.join(" ")).toMatch(/control characters|Use only|valid email|absolute/);
  });

  it("the bio keeps newlines and tabs (and a Windows line break)", async () => {
    const result = await registerUser({ ...fresh(), bio: "line one\n\tindented\r\nline three" });
    expect(result).toMatchObject({ ok: true, value: { bio: "line one\n\tindented\nline three" } });
  });

  it("a profile edit refuses them too, with the field's message", async () => {
    const user = await newUser("cc");
    expect(await updateProfile(user.id, { bio: "x\u0000" })).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { bio: [NO_CONTROL] } },
    });
    expect(await updateProfile(user.id, { displayName: "\u001b[31mred" })).toMatchObject({
      ok: false,
      error: { fields: { displayName: [NO_CONTROL] } },
    });
  });

  it("a sign-in login and a profile path with NUL are refused before the database", async () => {
    expect(validate(signInSchema, { login: "ada\u0000", password: "x" })).toMatchObject({
      ok: false,
      error: { fields: { login: [expect.stringMatching(/control characters/)] } },
    });
    expect(await getPublicProfile("ada\u0000")).toBeNull();
  });
});

describe("username and display name refuse bidirectional overrides and isolates", () => {
  it.each(["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"])(
    "U+%s",
    async (mark) => {
      const user = await newUser("bd");
      expect(await updateProfile(user.id, { displayName: `Ada ${mark}ecalevol` })).toMatchObject({
        ok: false,
        error: { fields: { displayName: [NO_BIDI] } },
      });
      expect(await updateProfile(user.id, { username: `ada${mark}x` })).toMatchObject({
        ok: false,
        error: { fields: { username: expect.arrayContaining([NO_BIDI]) } },
      });
    },
  );

  it("other scripts and right-to-left text without overrides are fine in a display name", async () => {
    const user = await newUser("bd");
    expect(await updateProfile(user.id, { displayName: "עדה Lovelace" })).toMatchObject({
      ok: true,
      value: { displayName: "עדה Lovelace" },
    });
  });
});
