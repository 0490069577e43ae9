/**
 * Answer types, each validated once: the no-JS form reader, the island and the API all read
 * an answer through its type, so they cannot disagree. Pure.
 */
export * from './answer-type';
export * from './normalise';
export * from './yes-no';
export * from './one-of';
export * from './many-of';
export * from './date';
export * from './id-number';
export * from './certificate-number';
export * from './phone-number';
export * from './text';
