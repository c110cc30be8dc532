export * from "./common";
export * from "./users";
export * from "./customers";
export * from "./conversations";
export * from "./notifications";
export * from "./realtime";
export * from "./inboxes";
