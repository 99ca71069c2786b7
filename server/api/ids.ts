import { randomBytes } from "node:crypto";

/** URL-safe random ids: 12 characters (72 bits) for pieces and generations, 32 for invite tokens. */
export const newId = (): string => randomBytes(9).toString("base64url");
export const newToken = (): string => randomBytes(24).toString("base64url");
