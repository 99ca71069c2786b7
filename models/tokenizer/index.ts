export * from "./vocab";
export * from "./encode";
export * from "./decode";
export * from "./grammar";
export * from "./document";
export * from "./repetition";
export * from "./controls";
export * from "./drum-classes";
