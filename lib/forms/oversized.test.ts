import { describe, expect, it } from "vitest";
import { FORM_FIELD_MAX_CHARS, guardOversized, oversizedFieldsState } from "./oversized";
import { idle, type FormState } from "./state";

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};

describe("oversized form fields", () => {
  it("lets ordinary input through", () => {
    expect(oversizedFieldsState(form({ login: "ada", password: "x".repeat(FORM_FIELD_MAX_CHARS) }), [])).toBeNull();
  });

  it("answers a huge field with a field error, keeping the other values but never a password", async () => {
    const state = oversizedFieldsState(form({ login: "ada", password: "x".repeat(1024 * 1024) }), [
      "login",
      "password",
    ]);
    expect(state).toEqual({
      status: "error",
      message: "Some fields need attention.",
      fields: { password: ["This is far too long."] },
      values: { login: "ada" },
    });
    let called = false;
    const action = async (): Promise<FormState> => {
      called = true;
      return idle;
    };
    await guardOversized(action, ["login"])(idle, form({ login: "x".repeat(FORM_FIELD_MAX_CHARS + 1) }));
    expect(called).toBe(false);
    await guardOversized(action, ["login"])(idle, form({ login: "ada" }));
    expect(called).toBe(true);
  });
});
