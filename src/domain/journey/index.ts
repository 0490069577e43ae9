/** The journey engine: one question per page, for the self-check and the application forms. Pure. */
export * from './journey';
