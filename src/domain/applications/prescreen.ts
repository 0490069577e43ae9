/**
 * 预审 The pre-screen stored with an application (issue 11 point 7): the self-check's own rules
 * run on what the application says, for the back office to see beside the answers, with the
 * reasons and their policy clauses. It decides nothing: staff do. Pure.
 */
import { parseCertificateNumber } from '../identity';
import { checkIn, type Answers, type Evaluation, type RegionData } from '../eligibility';
import type { ApplicationInput } from './application';
import { DONT_KNOW } from '../answers';

export interface Prescreen {
  /** The date the rules were run for, YYYY-MM-DD. */
  asOf: string;
  /** One result per service the form applies for, offered in the region. */
  results: Evaluation[];
}

/** What the application tells the rules: its answers, the birth date, and a certificate's category and level. */
export function answersOf(input: ApplicationInput, asOf: string): Answers {
  const answers: Answers = { birthDate: input.birthDate };
  const certificate = input.person.certificateNumber ? parseCertificateNumber(input.person.certificateNumber, asOf) : undefined;
  if (certificate?.ok) {
    answers.hasCertificate = true;
    if (certificate.value.category) answers.category = certificate.value.category;
    if (certificate.value.level) answers.level = certificate.value.level;
  }
  const a = input.answers;
  const known = (id: string) => a[id] !== undefined && a[id] !== DONT_KNOW;
  if (known('household')) answers.household = a.household as Answers['household'];
  if (known('needsLongTermCare')) answers.needsLongTermCare = a.needsLongTermCare as boolean;
  if (known('isAutistic')) answers.isAutistic = a.isAutistic as boolean;
  if (known('category') && !answers.category) answers.category = a.category as Answers['category'];
  if (known('schoolStage')) answers.schoolStage = a.schoolStage as Answers['schoolStage'];
  return answers;
}

/** The services the application asks for: the two subsidies' form names its choice. */
export const servicesAppliedFor = (input: Pick<ApplicationInput, 'form' | 'answers'>): readonly string[] =>
  Array.isArray(input.answers.subsidies) ? (input.answers.subsidies as string[]) : input.form.services;

export function prescreen(input: ApplicationInput, region: RegionData, asOf: string): Prescreen {
  const { results } = checkIn(region, answersOf(input, asOf), asOf);
  return {
    asOf,
    results: results.filter((r) => servicesAppliedFor(input).includes(r.service)),
  };
}
