import { z } from "zod";
import { UUID_PATTERN } from "../validation";

/** A session id as the database makes them: a UUID (any version, either case). */
export const sessionIdSchema = z.string().regex(UUID_PATTERN, "A session id is a UUID.");

/** The path parameters of `DELETE /api/sessions/[id]`. */
export const sessionParamsSchema = z.object({ id: sessionIdSchema });
