/**
 * Everything the same-work baseline (lib/same-work-server.mjs) takes from src/, in one place.
 * lib/journey.mjs bundles this file with esbuild (the domain's imports are extensionless and
 * i18n imports JSON, which plain Node cannot load), so the baseline runs the portal's own code:
 * the sealed cookie, the form reader, the journey and the engine, the UI strings.
 *
 * When these functions move (src/domain/journey/, src/domain/answers/, src/server/self-check/),
 * only the paths below change; the names the server uses stay the same.
 */

// The sealed cookie (AES-256-GCM), its name and lifetime. The key is TX_SECRET.
export { CHECK_COOKIE, CHECK_TTL_SECONDS, emptyState, open, seal } from '../../src/server/check-session';
// Today in China, as every self-check page reads it (src/server/check-page.ts).
export { todayInChina } from '../../src/server/eligibility-input';
// The engine and the questions.
export { checkIn, grouped, question, QUESTIONS } from '../../src/domain/eligibility';
// Reading one question's answer from the form.
export { DONT_KNOW, readQuestionForm } from '../../src/domain/eligibility/form';
// The journey: state in, state out, and the next step.
export { applyAnswer, confirmCertificate, nextStep, path as journeyPath, withRegion } from '../../src/domain/eligibility/flow';
// Answers in words (summary, results, confirmation).
export { answerText, formatDate, optionLabel, say } from '../../src/components/check/answers';
// UI strings and localised paths.
export { localePath, pick, useTranslations } from '../../src/i18n';
