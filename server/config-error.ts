/** A setting a person can correct: the message says which and how. Its own module, so that every config parser (config.ts, mail/config.ts) can throw it without importing the others. */
export class ConfigError extends Error {}
