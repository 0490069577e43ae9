/**
 * What people type that means the same: full-width characters from a Chinese input method
 * (１９８０ → 1980), the ideographic space, spaces at either end. Shared by every answer type,
 * so the pages, the island and the API read one answer one way. Text answers (names,
 * addresses) keep their full-width punctuation, which is correct Chinese: only numbers and
 * codes are made half-width.
 */

/** Full-width ASCII (U+FF01-FF5E) made half-width, every space removed: for numbers and codes. */
export const halfWidth = (input: string): string =>
  input.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]+/g, '');

/** Runs of white space (the ideographic space included) made one space, and trimmed: for text. */
export const tidyText = (input: string): string => input.replace(/[\s\u3000]+/g, ' ').trim();
