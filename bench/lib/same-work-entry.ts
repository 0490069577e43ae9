/**
 * Everything the same-work baseline (lib/same-work-server.mjs) takes from src/, in one place.
 * lib/journey.mjs bundles this file with esbuild (the domain's imports are extensionless and
 * i18n imports JSON, which plain Node cannot load), so the baseline runs the portal's own code:
 * the sealed cookie, the answer types, the journey engine and the rules, the UI strings.
 */

// The sealed cookie (AES-256-GCM), its name and lifetime. The key is TX_SECRET.
export { CHECK_COOKIE, CHECK_TTL_SECONDS, emptyState, open, seal } from '../../src/server/self-check/session';
// Today in China, as every self-check page reads it (src/server/self-check/page-context.ts).
export { todayInChina } from '../../src/server/http/clock';
// The rules and the questions.
export { grouped, question, QUESTIONS } from '../../src/domain/eligibility';
export { DONT_KNOW } from '../../src/domain/answers';
// The journey engine, and the self-check's journey on it.
export { back, checkAnswersRows, fieldValues, showable, submit } from '../../src/domain/journey';
export { ANSWER_ORDER, selfCheckJourney } from '../../src/domain/eligibility/self-check';
// Answers in words (summary, results, confirmation) and error messages.
export { answerRows, formatDate, optionLabel, say } from '../../src/components/check/answer-words';
export { answerMessage } from '../../src/i18n/answer-messages';
// UI strings and localised paths.
export { localePath, pick, useTranslations } from '../../src/i18n';
