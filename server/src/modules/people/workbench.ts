// Certificates' and training 工作台 items. Owner: people. An enterprise: its people with a
// certificate in its window, overdue (review missed or expired), short of training hours, and
// closed courses its people must still attend; a county: enterprises with overdue certificates;
// county, city and province: closed-course orders still waiting for attendance. Each count is its list's own total (service.ts computes both).
import { hasRole, isEnterpriseUser, type WorkDefinition } from '@taishan/domain';
import { counted, type WorkbenchProvider } from '../workbench/registry.ts';
import { countPendingCourses, enterpriseSummaries, filteredPeople } from './service.ts';

const ENTERPRISE_WORK: WorkDefinition[] = [
  { kind: 'people.overdue', severity: 'urgent', titleKey: 'ppWorkOverdue', query: { filter: 'overdue' } },
  { kind: 'people.expiring', severity: 'attention', titleKey: 'ppWorkExpiring', query: { filter: 'expiring' } },
  { kind: 'people.trainingShortfall', severity: 'attention', titleKey: 'ppWorkTrainingShortfall', query: { filter: 'trainingShortfall' } },
];

export const peopleWorkItems: WorkbenchProvider = async (actor, _scope, tx) => {
  if (isEnterpriseUser(actor)) {
    const items = [];
    for (const def of ENTERPRISE_WORK) {
      const { views } = await filteredPeople(tx, actor, { filter: def.query.filter as 'overdue', page: 1, pageSize: 200 });
      items.push(counted(def, { path: '/people', apiPath: '/api/v1/people' }, views.length));
    }
    // A closed course ordered for its people: the enterprise must send them.
    items.push(
      counted(
        { kind: 'people.coursesOrdered', severity: 'urgent', titleKey: 'ppWorkCoursesOrdered', query: { pending: 'true' } },
        { path: '/people/courses', apiPath: '/api/v1/people/courses' },
        await countPendingCourses(tx),
      ),
    );
    return items;
  }
  if (!hasRole(actor, 'countySupervisor', 'citySupervisor', 'provinceSupervisor')) return [];
  // The enterprises with overdue certificates are the county's to chase (it supervises them); the
  // count reads every roster of the jurisdiction, so a city or province is not made to on each load.
  const overdue = hasRole(actor, 'countySupervisor')
    ? [
        counted(
          { kind: 'people.enterprisesOverdue', severity: 'attention', titleKey: 'ppWorkEnterprisesOverdue', query: { filter: 'overdue' } },
          { path: '/people/enterprises', apiPath: '/api/v1/people/enterprises' },
          (await enterpriseSummaries(tx, actor, { filter: 'overdue', page: 1, pageSize: 200 })).length,
        ),
      ]
    : [];
  return [
    ...overdue,
    counted(
      { kind: 'people.coursesPending', severity: 'attention', titleKey: 'ppWorkCoursesPending', query: { pending: 'true' } },
      { path: '/people/courses', apiPath: '/api/v1/people/courses' },
      await countPendingCourses(tx),
    ),
  ];
};
