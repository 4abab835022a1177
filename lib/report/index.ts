export * from "./escape";
export * from "./table";
export * from "./display";
export * from "./provenance";
export * from "./notebook";
export * from "./figureHtml";
export { escapeMarkdown, isSafeLinkDestination, markdownTable, md, sanitizeMarkdown } from "../util/markdown";
