import { randomBytes } from "node:crypto";

/** A new post id: 128 random bits as 22 base64url characters — opaque, not a guessable sequence. */
export const newPostId = () => randomBytes(16).toString("base64url");
