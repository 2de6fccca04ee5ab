import { z } from "zod";

/** A session id as the database makes them: a UUID (any version, either case). */
export const sessionIdSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "A session id is a UUID.");

/** The path parameters of `DELETE /api/sessions/[id]`. */
export const sessionParamsSchema = z.object({ id: sessionIdSchema });
