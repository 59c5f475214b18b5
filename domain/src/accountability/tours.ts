// 巡查: a government's work-safety inspection tours of the governments below it and of its own
// departments (中办国办《地方党政领导干部安全生产责任制规定》2018: 持续开展安全生产巡查). A round is
// planned for a term so that every one is covered once (全覆盖); a target is covered when visited.

export type TourTargetRef = { kind: 'government' | 'department'; key: string; name: string };
export type TourCoverage = { planned: TourTargetRef[]; visited: TourTargetRef[]; notPlanned: TourTargetRef[]; notVisited: TourTargetRef[] };

/** Who of `all` the round's targets plan and visit, and who is not yet covered. */
export function tourCoverage(all: readonly TourTargetRef[], targets: readonly { key: string; visited: boolean }[]): TourCoverage {
  const planned = new Set(targets.map((t) => t.key));
  const visited = new Set(targets.filter((t) => t.visited).map((t) => t.key));
  return {
    planned: all.filter((x) => planned.has(x.key)),
    visited: all.filter((x) => visited.has(x.key)),
    notPlanned: all.filter((x) => !planned.has(x.key)),
    notVisited: all.filter((x) => !visited.has(x.key)),
  };
}

/** A finding is open past its deadline when it is not fixed and its date has passed (Beijing dates). */
export const findingOverdue = (f: { fixDueOn: string | null; fixedOn: string | null }, today: string) =>
  !f.fixedOn && !!f.fixDueOn && f.fixDueOn < today;
