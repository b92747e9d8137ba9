// PLACEHOLDER until the dry run lands.
export {};
