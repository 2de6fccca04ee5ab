import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validate } from "./validation";

/**
 * Property-based tests over every input schema: each zod schema exported from any lib/**\/schemas.ts
 * (found by the glob, so a schema added later is covered without touching this file) meets hostile
 * input — any JSON value, deep objects, own `__proto__` / `constructor` keys, lone surrogates, NUL,
 * 1e308, huge strings — and `validate()` either accepts it or answers with per-field messages. Nothing
 * throws.
 *
 * Bounded: each property stops after RUNS inputs or TIME_MS, whichever comes first. A failure prints
 * fast-check's seed and path; replay it with `FC_SEED=<seed> npx vitest run lib/schemas.property.test.ts`.
 * The schemas touch no database, so the file runs on the PGlite project only.
 */

// Vite's import.meta.glob (vitest runs on Vite), typed here rather than through vite/client.
declare global {
  interface ImportMeta {
    glob<T>(pattern: string, options: { eager: true }): Record<string, T>;
  }
}

const modules = import.meta.glob<Record<string, unknown>>("./**/schemas.ts", { eager: true });

const schemas = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType)
    .map(([name, schema]) => ({ id: `${file.replace(/^\.\//, "lib/")}#${name}`, name, schema })),
);

const RUNS = Number(process.env.FC_RUNS ?? 150);
const TIME_MS = 1_500;
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const params = { numRuns: RUNS, interruptAfterTimeLimit: TIME_MS, markInterruptAsFailure: false, seed };

/** The keys an object schema reads, looking through pipes, preprocessing, optional and default wrappers. */
function keysOf(schema: z.ZodType): string[] | null {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodPipe) return keysOf(schema.in as z.ZodType) ?? keysOf(schema.out as z.ZodType);
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodCatch
  )
    return keysOf(schema.unwrap() as z.ZodType);
  return null;
}

const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFF",
  "a\uDBFFb",
  "\u202Eevil",
  "\u200B",
  "\r\n",
  "__proto__",
  "constructor",
  "toString",
  "1e308",
  "-1",
  "0",
  "NaN",
  "Infinity",
  "9007199254740993",
  "%00",
  "%ED%A0%80",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "ａｄｍｉｎ",
  "x".repeat(70_000),
  "é".repeat(5_000),
  "😀".repeat(3_000),
];

/** UTF-16 code units, lone surrogates and NUL included. */
const codeUnitString = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) });

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  codeUnitString,
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme-ascii", maxLength: 40 }),
  fc.string({ unit: "grapheme", minLength: 100, maxLength: 3_000, size: "max" }),
);

const hostileNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 0, 1, 20, 100, 101, 0.5, 5e-324),
  fc.double(),
  fc.integer(),
);

const leaf = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));

/** Objects are built with Object.fromEntries, so `__proto__` is an own key as JSON.parse makes it. */
const objectOf = (keys: fc.Arbitrary<string>, value: fc.Arbitrary<unknown>) =>
  fc.array(fc.tuple(keys, value), { maxLength: 8 }).map((entries) => Object.fromEntries(entries));

const hostileKey = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "", "\u0000"), hostileString);

const { json: anyValue } = fc.letrec((tie) => ({
  json: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("array"), tie("object")),
  array: fc.array(tie("json"), { maxLength: 6 }),
  object: objectOf(hostileKey, tie("json")),
}));

/**
 * Hundreds of levels of nesting, as an array or an object. Each object level holds the one below as its `a` and
 * as its prototype, as `{ a: below, __proto__: below }` would (a prototype chain as deep as the nesting). The
 * object levels are made first and their prototypes set outermost first: a literal per level, innermost first,
 * made the same values 2.7 times slower (V8 re-optimises each new prototype's chain).
 */
const deepValue = fc.tuple(fc.integer({ min: 100, max: 2_000 }), fc.boolean(), leaf).map(([depth, asArray, inner]) => {
  if (asArray) {
    let value: unknown = inner;
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  }
  const levels: { a: unknown }[] = Array.from({ length: depth }, () => ({ a: inner }));
  for (let i = 0; i < depth; i++) {
    const below = i + 1 < depth ? levels[i + 1]! : inner;
    levels[i]!.a = below;
    // A literal's `__proto__: below` sets the prototype only to an object or null; a primitive leaves it be.
    if (below === null || typeof below === "object") Object.setPrototypeOf(levels[i], below);
  }
  return levels[0];
});

/** Inputs aimed at a schema: its own keys with hostile values, plus stray keys. */
function inputsFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  const keys = keysOf(schema);
  const general = fc.oneof(anyValue, deepValue);
  if (!keys?.length) return fc.oneof(general, hostileString, hostileNumber);
  const value = fc.oneof(leaf, leaf, anyValue, deepValue);
  const aimed = fc
    .tuple(objectOf(fc.constantFrom(...keys), value), objectOf(hostileKey, anyValue))
    .map(([own, stray]) => Object.fromEntries([...Object.entries(stray), ...Object.entries(own)]));
  return fc.oneof(aimed, aimed, general);
}

/** The property: no throw; an answer is a value or per-field messages naming fields the schema has. */
function checkAnswer(schema: z.ZodType, input: unknown) {
  const result = validate(schema, input);
  if (result.ok) {
    expect(() => JSON.stringify(result.value)).not.toThrow();
    return;
  }
  expect(result.error.code).toBe("validation");
  const fields = result.error.fields ?? {};
  const names = Object.keys(fields);
  expect(names.length).toBeGreaterThan(0);
  const allowed = keysOf(schema);
  for (const name of names) {
    if (allowed) expect([...allowed, "_"]).toContain(name);
    else expect(name).toBe("_");
    const messages = fields[name]!;
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(typeof message).toBe("string");
      expect(message.length).toBeGreaterThan(0);
      expect(message.length).toBeLessThan(500);
    }
  }
  // The answer goes out as a problem document.
  expect(() => JSON.stringify(result.error)).not.toThrow();
}

describe.skipIf(process.env.TEST_DB === "postgres")("every input schema in lib/**/schemas.ts", () => {
  it("finds the schemas (the glob is not silently empty)", () => {
    const ids = schemas.map((s) => s.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "lib/users/schemas.ts#registrationSchema",
        "lib/users/schemas.ts#usernameParamsSchema",
        "lib/auth/schemas.ts#signInSchema",
        "lib/security/schemas.ts#eventListSchema",
        "lib/sessions/schemas.ts#sessionParamsSchema",
        "lib/email-tokens/schemas.ts#emailLinkPageQuerySchema",
      ]),
    );
  });

  for (const { id, schema } of schemas) {
    test.prop([inputsFor(schema)], params)(`${id}: accepts or answers per field, never throws`, (input) => {
      checkAnswer(schema, input);
    });
  }

  // A page cannot answer 400: its query schema falls back (the account page, an empty token) instead.
  const pageQuerySchemas = schemas.filter((s) => /PageQuerySchema$/.test(s.name));
  it("has page-query schemas to check", () => expect(pageQuerySchemas.length).toBeGreaterThan(1));
  for (const { id, schema } of pageQuerySchemas) {
    const keys = keysOf(schema) ?? [];
    const searchParams = objectOf(
      fc.oneof(fc.constantFrom(...keys), hostileKey),
      fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 })),
    );
    test.prop([searchParams], params)(`${id}: accepts every query, falling back`, (input) => {
      expect(schema.safeParse(input).success).toBe(true);
    });
  }

  // Path parameters go straight into a query: whatever they accept must be text PostgreSQL takes.
  const pathParamSchemas = schemas.filter((s) => /Params(Schema)?$/.test(s.name));
  it("has path-parameter schemas to check", () => expect(pathParamSchemas.length).toBeGreaterThan(1));
  for (const { id, schema } of pathParamSchemas) {
    test.prop([objectOf(fc.constantFrom(...(keysOf(schema) ?? [])), hostileString)], params)(
      `${id}: an accepted parameter is well-formed text without control characters`,
      (input) => {
        const parsed = schema.safeParse(input);
        if (!parsed.success) return;
        for (const value of Object.values(parsed.data as Record<string, unknown>)) {
          if (typeof value !== "string") continue;
          expect(value.isWellFormed()).toBe(true);
          expect(value).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        }
      },
    );
  }
});
