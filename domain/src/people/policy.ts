// Who may see and manage certificates, training and publicity records (issue 26). Owner: people.
// The enterprise keeps its own people, certificates and training; regulators read them across
// their jurisdiction (the store's scope decides which); a county or higher orders closed training
// courses (强制性封闭培训) and records attendance; any regulator in a region records publicity.
import { type Actor, hasRole, isAdmin, isEnterpriseUser, isSupervisor } from '../auth/roles.ts';

export const mayViewPeople = (a: Actor) => isAdmin(a) || isEnterpriseUser(a) || isSupervisor(a) || hasRole(a, 'departmentInspector');
/** People, certificates and training are the enterprise's own records. */
export const mayManagePeople = (a: Actor) => isEnterpriseUser(a);
/** Closed courses follow a penalty or an accident: the county and the levels above order them. */
export const mayOrderClosedCourses = (a: Actor) => hasRole(a, 'countySupervisor', 'citySupervisor', 'provinceSupervisor');
export const mayViewClosedCourses = (a: Actor) => isAdmin(a) || isEnterpriseUser(a) || isSupervisor(a);
export const mayRecordPublicity = (a: Actor) => isSupervisor(a) || hasRole(a, 'gridWorker');
export const mayViewPublicity = (a: Actor) => isAdmin(a) || mayRecordPublicity(a);
/** ID numbers in full: the enterprise's own accounts and the supervisors of the jurisdiction. */
export const maySeeIdNumbers = (a: Actor) => isEnterpriseUser(a) || isSupervisor(a);

/** The general "may …" answers of this part, sent with /api/v1/me (keys `<capability>.<action>`). */
export function peopleAbilities(a: Actor): Record<string, boolean> {
  return {
    'people.view': mayViewPeople(a),
    'people.manage': mayManagePeople(a),
    'people.courses': mayViewClosedCourses(a),
    'people.orderCourses': mayOrderClosedCourses(a),
    'people.publicity': mayViewPublicity(a),
    'people.recordPublicity': mayRecordPublicity(a),
  };
}

export const PERSON_ACTIONS = ['edit', 'addCertificate', 'addTraining'] as const;
export type PersonAction = (typeof PERSON_ACTIONS)[number];

/** The steps offered on a person (the enterprise's own accounts only). */
export function personAllowedActions(a: Actor, p: { enterpriseId: string }): PersonAction[] {
  return mayManagePeople(a) && a.scope.enterpriseId === p.enterpriseId ? ['edit', 'addCertificate', 'addTraining'] : [];
}

export type AttendeeAction = 'attended' | 'absent' | 'completed';
/** The attendance steps a regulator who orders courses may record, by the attendee's status. */
export function attendeeAllowedActions(a: Actor, status: 'ordered' | 'attended' | 'absent' | 'completed'): AttendeeAction[] {
  if (!mayOrderClosedCourses(a)) return [];
  if (status === 'ordered') return ['attended', 'absent'];
  if (status === 'attended') return ['completed', 'absent'];
  if (status === 'absent') return ['attended'];
  return [];
}
