export {};
//# sourceMappingURL=ingest-effect.js.map