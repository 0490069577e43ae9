/** Types for browser.mjs. */
export declare const CHROMIUM_ARGS: string[];
export declare function ensureChromium(): string;
export declare function ensureChineseFont(): void;
