import { z } from "zod";

/** An empty query parameter (`?cursor=&limit=`) means "not given". */
const blankIsAbsent = (v: unknown) => (v === "" || v === null ? undefined : v);

/** The query of GET /api/users/me/events and of the "Load more" action. */
export const eventListSchema = z.object({
  cursor: z.preprocess(
    blankIsAbsent,
    z
      .string({ error: "The cursor must be the nextCursor of a previous page." })
      .regex(/^[1-9]\d{0,15}$/, "The cursor must be the nextCursor of a previous page.")
      .transform(Number)
      .optional(),
  ),
  limit: z.preprocess(
    blankIsAbsent,
    z.coerce
      .number({ error: "The limit must be a whole number from 1 to 100." })
      .int("The limit must be a whole number from 1 to 100.")
      .min(1, "The limit must be a whole number from 1 to 100.")
      .max(100, "The limit must be a whole number from 1 to 100.")
      .default(20),
  ),
});
export type EventListQuery = z.output<typeof eventListSchema>;
