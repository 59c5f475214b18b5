// The directory's 安全总监 rule (enterprises/safety-director.ts) tied to the people records: the
// director named on the enterprise should be one of its 主要负责人/安全管理人员 with a 合格证 that is
// still valid. Each outcome is shown on the enterprise's people page and counted by regulators.
import { lacksSafetyDirector, type SafetyDirectorInput } from '../enterprises/safety-director.ts';
import { certificateUsable, qualificationState } from './certificates.ts';
import { MANAGER_POSITIONS, type PersonPosition } from './training.ts';

export const SAFETY_DIRECTOR_CHECKS = ['notRequired', 'missing', 'notRecorded', 'noQualification', 'qualificationExpired', 'ok'] as const;
export type SafetyDirectorCheck = (typeof SAFETY_DIRECTOR_CHECKS)[number];
export const SAFETY_DIRECTOR_CHECK_LABELS: Record<SafetyDirectorCheck, { zh: string; en: string }> = {
  notRequired: { zh: '无需配备安全总监', en: 'No safety director required' },
  missing: { zh: '应配未配安全总监', en: 'Safety director required but missing' },
  notRecorded: { zh: '安全总监未登记在人员名册中', en: 'The safety director is not in the staff records' },
  noQualification: { zh: '安全总监无合格证', en: 'The safety director holds no qualification' },
  qualificationExpired: { zh: '安全总监合格证已过期', en: "The safety director's qualification has expired" },
  ok: { zh: '安全总监持有效合格证', en: 'The safety director holds a valid qualification' },
};

export type DirectorCandidate = { name: string; position: PersonPosition; qualificationValidTo: readonly string[] };

export function safetyDirectorCheck(e: SafetyDirectorInput, people: readonly DirectorCandidate[], today: string): SafetyDirectorCheck {
  const name = (e.safetyDirector ?? '').trim();
  if (!name) return lacksSafetyDirector(e) ? 'missing' : 'notRequired';
  const person = people.find((p) => p.name.trim() === name && MANAGER_POSITIONS.includes(p.position));
  if (!person) return 'notRecorded';
  if (person.qualificationValidTo.length === 0) return 'noQualification';
  const usable = person.qualificationValidTo.some((d) => certificateUsable(qualificationState(d, today).status));
  return usable ? 'ok' : 'qualificationExpired';
}
