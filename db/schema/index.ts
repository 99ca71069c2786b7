export * from "./auth";
export * from "./pieces";
export * from "./documents";
export * from "./authorship";
export * from "./author-operations";
export * from "./comments";
export * from "./adaptations";
