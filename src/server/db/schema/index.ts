export * from "./accounts";
export * from "./customers";
export * from "./conversations";
export * from "./events";
export * from "./email";
export * from "./knowledge";
export * from "./chat";
export * from "./ai";
