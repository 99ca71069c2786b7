export * from "./auth";
export * from "./pieces";
export * from "./documents";
export * from "./authorship";
