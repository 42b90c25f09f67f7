// Exports the project under a name instead of as the default export.
export const project = { workflows: {} };
