// 突发公共卫生事件 rules (issue 28): cluster detection, grading, the reporting chain, the event's
// state machine and the SORMAS-style tasks. Pure; the server mirrors detectClusters in one SQL query.
// Owner: events. Sources: STANDARDS-NEXT.md §7.3 (条例 Art.19–20; 国家突发公共卫生事件应急预案).
import type { Actor, Role } from '../auth/roles.ts';
import { maskPhoneNumber } from './cases-person.ts';

// ---------- Cluster detection ----------

export type ClusterThreshold = { cases: number; days: number };
/** The provisional default: 5 cases of one disease in one township within 7 days. */
export const DEFAULT_CLUSTER_THRESHOLD: ClusterThreshold = { cases: 5, days: 7 };

/** Parse the overrides setting "cholera:1/7;plague:1/9" into a map (bad entries are ignored). */
export function parseClusterOverrides(text: string): Record<string, ClusterThreshold> {
  const out: Record<string, ClusterThreshold> = {};
  for (const part of text.split(/[;,\s]+/)) {
    const m = /^([A-Za-z0-9_.-]+):(\d+)\/(\d+)$/.exec(part.trim());
    if (!m) continue;
    const cases = Number(m[2]);
    const days = Number(m[3]);
    if (cases >= 1 && days >= 1) out[m[1] as string] = { cases, days };
  }
  return out;
}

export function thresholdFor(
  diseaseCode: string,
  overrides: Record<string, ClusterThreshold>,
  fallback: ClusterThreshold = DEFAULT_CLUSTER_THRESHOLD,
): ClusterThreshold {
  return overrides[diseaseCode] ?? fallback;
}

export type ClusterCaseRow = {
  id: string;
  diseaseCode: string;
  /** The residence township. */
  regionCode: string;
  diagnosedAt: Date;
  status: string;
};

export type Cluster = {
  diseaseCode: string;
  regionCode: string;
  cases: number;
  firstAt: Date;
  lastAt: Date;
  caseIds: string[];
};

export const CLUSTER_EXCLUDED_STATUSES = ['merged', 'revoked'] as const;

/**
 * The clusters at `now`: per (disease, township), the cases diagnosed in (now - days, now]
 * (merged and revoked cases do not count); a cluster when their count reaches the threshold.
 */
export function detectClusters(
  rows: ClusterCaseRow[],
  now: Date,
  overrides: Record<string, ClusterThreshold> = {},
  fallback: ClusterThreshold = DEFAULT_CLUSTER_THRESHOLD,
): Cluster[] {
  const groups = new Map<string, ClusterCaseRow[]>();
  for (const r of rows) {
    if ((CLUSTER_EXCLUDED_STATUSES as readonly string[]).includes(r.status)) continue;
    const t = thresholdFor(r.diseaseCode, overrides, fallback);
    const from = now.getTime() - t.days * 86_400_000;
    const at = r.diagnosedAt.getTime();
    if (at <= from || at > now.getTime()) continue;
    const key = `${r.diseaseCode}|${r.regionCode}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  const out: Cluster[] = [];
  for (const list of groups.values()) {
    const first = list[0] as ClusterCaseRow;
    const t = thresholdFor(first.diseaseCode, overrides, fallback);
    if (list.length < t.cases) continue;
    const times = list.map((r) => r.diagnosedAt.getTime());
    out.push({
      diseaseCode: first.diseaseCode,
      regionCode: first.regionCode,
      cases: list.length,
      firstAt: new Date(Math.min(...times)),
      lastAt: new Date(Math.max(...times)),
      caseIds: list.map((r) => r.id).sort(),
    });
  }
  return out.sort((a, b) => (a.diseaseCode + a.regionCode).localeCompare(b.diseaseCode + b.regionCode));
}

// ---------- Kinds and grades ----------

export const PH_EVENT_KINDS = [
  'infectiousOutbreak',
  'unknownCluster',
  'pathogenLoss',
  'foodPoisoning',
  'occupationalPoisoning',
  'other',
] as const;
export type PhEventKind = (typeof PH_EVENT_KINDS)[number];

export const PH_EVENT_GRADES = ['I', 'II', 'III', 'IV'] as const;
export type PhEventGrade = (typeof PH_EVENT_GRADES)[number];

export type GradeFacts = {
  kind: PhEventKind;
  /** A disease key of the criteria: 'pneumonicPlague', 'pneumonicAnthrax', 'sars', 'avianInfluenza',
   *  'bubonicPlague', 'cholera', 'newDisease', or a class ('B'/'C') for other notifiable diseases. */
  disease?: string | null;
  cases: number;
  deaths?: number;
  spreading?: boolean;
  provincesAffected?: number;
  citiesAffected?: number;
  countiesAffected?: number;
  largeCity?: boolean;
  suspectedOnly?: boolean;
  /** 1-week incidence over the mean of the same week of the past 5 years. */
  incidenceRatio?: number;
};

export type GradeCriterion = {
  grade: PhEventGrade;
  id: string;
  label: { zh: string; en: string };
  provisional: boolean;
  source: string;
  test: (f: GradeFacts) => boolean;
};

const PLAN = '《国家突发公共卫生事件应急预案》';
/** Criteria as data, most severe first; the first that holds gives the grade. */
export const GRADE_CRITERIA: GradeCriterion[] = [
  {
    grade: 'I',
    id: 'pneumonicSpread',
    label: {
      zh: '肺鼠疫、肺炭疽在大中城市发生并有扩散趋势，或波及 2 个以上省份',
      en: 'Pneumonic plague/anthrax spreading in a large city or in ≥ 2 provinces',
    },
    provisional: false,
    source: PLAN,
    test: (f) =>
      (f.disease === 'pneumonicPlague' || f.disease === 'pneumonicAnthrax') &&
      ((!!f.largeCity && !!f.spreading) || (f.provincesAffected ?? 1) >= 2),
  },
  {
    grade: 'I',
    id: 'sarsAvianSpread',
    label: {
      zh: '传染性非典型肺炎、人感染高致病性禽流感病例并有扩散趋势',
      en: 'SARS or human highly pathogenic avian influenza cases, spreading',
    },
    provisional: false,
    source: PLAN,
    test: (f) => (f.disease === 'sars' || f.disease === 'avianInfluenza') && !f.suspectedOnly && !!f.spreading,
  },
  {
    grade: 'I',
    id: 'unknownMultiProvince',
    label: { zh: '涉及多个省份的群体性不明原因疾病并有扩散趋势', en: 'Unknown-cause cluster in several provinces, spreading' },
    provisional: false,
    source: PLAN,
    test: (f) => f.kind === 'unknownCluster' && (f.provincesAffected ?? 1) >= 2 && !!f.spreading,
  },
  {
    grade: 'I',
    id: 'newDisease',
    label: { zh: '新传染病或我国尚未发现的传染病发生或传入并有扩散趋势', en: 'A new or not yet seen disease, spreading' },
    provisional: false,
    source: PLAN,
    test: (f) => f.disease === 'newDisease' && !!f.spreading,
  },
  {
    grade: 'I',
    id: 'pathogenLoss',
    label: { zh: '烈性病菌株、毒株、致病因子等丢失', en: 'Loss of a virulent strain or pathogenic agent' },
    provisional: false,
    source: PLAN,
    test: (f) => f.kind === 'pathogenLoss',
  },
  {
    grade: 'II',
    id: 'bubonicPlague20',
    label: {
      zh: '腺鼠疫在一个设区市一个平均潜伏期内多点连续发生 20 例以上，或波及 2 个以上设区市',
      en: 'Bubonic plague ≥ 20 cases in a city in one incubation period, or ≥ 2 cities',
    },
    provisional: true,
    source: 'UNCONFIRMED：省级预案（国家全文未核实）',
    test: (f) => f.disease === 'bubonicPlague' && (f.cases >= 20 || (f.citiesAffected ?? 1) >= 2),
  },
  {
    grade: 'II',
    id: 'sarsAvianSuspected',
    label: { zh: '发生传染性非典型肺炎、人感染高致病性禽流感疑似病例', en: 'Suspected SARS or human avian influenza' },
    provisional: true,
    source: 'UNCONFIRMED：省级预案（国家全文未核实）',
    test: (f) => f.disease === 'sars' || f.disease === 'avianInfluenza',
  },
  {
    grade: 'II',
    id: 'classBCMultiCounty',
    label: {
      zh: '乙、丙类传染病波及 2 个以上县，1 周内发病水平超过前 5 年同期平均 2 倍以上',
      en: 'Class B/C disease in ≥ 2 counties, weekly incidence > 2× the 5-year mean',
    },
    provisional: true,
    source: 'UNCONFIRMED：省级预案（国家全文未核实）',
    test: (f) => (f.disease === 'B' || f.disease === 'C') && (f.countiesAffected ?? 1) >= 2 && (f.incidenceRatio ?? 0) > 2,
  },
  {
    grade: 'III',
    id: 'poisoningLarge',
    label: { zh: '一次食物中毒 100 人以上或出现死亡（暂定）', en: 'Food poisoning of ≥ 100 people or with deaths (provisional)' },
    provisional: true,
    source: 'UNCONFIRMED：Ⅲ级（较大）标准未核实，暂定',
    test: (f) => f.kind === 'foodPoisoning' && (f.cases >= 100 || (f.deaths ?? 0) > 0),
  },
  {
    grade: 'III',
    id: 'bubonicPlague10',
    label: {
      zh: '腺鼠疫在一个县一个平均潜伏期内 10 例以上（暂定）',
      en: 'Bubonic plague ≥ 10 cases in a county in one incubation period (provisional)',
    },
    provisional: true,
    source: 'UNCONFIRMED：Ⅲ级（较大）标准未核实，暂定',
    test: (f) => f.disease === 'bubonicPlague' && f.cases >= 10,
  },
  {
    grade: 'III',
    id: 'cholera10',
    label: { zh: '霍乱在一个县 1 周内 10 例以上（暂定）', en: 'Cholera ≥ 10 cases in a county in a week (provisional)' },
    provisional: true,
    source: 'UNCONFIRMED：Ⅲ级（较大）标准未核实，暂定',
    test: (f) => f.disease === 'cholera' && f.cases >= 10,
  },
  {
    grade: 'IV',
    id: 'bubonicPlagueUnder10',
    label: { zh: '腺鼠疫在一个县一个平均潜伏期内病例数未超过 10 例', en: 'Bubonic plague < 10 cases in a county in one incubation period' },
    provisional: false,
    source: `${PLAN}（部分）`,
    test: (f) => f.disease === 'bubonicPlague' && f.cases < 10,
  },
  {
    grade: 'IV',
    id: 'choleraUnder10',
    label: { zh: '霍乱在一个县 1 周内发病 9 例以下', en: 'Cholera ≤ 9 cases in a county in a week' },
    provisional: false,
    source: `${PLAN}（部分）`,
    test: (f) => f.disease === 'cholera' && f.cases <= 9,
  },
  {
    grade: 'IV',
    id: 'poisoning30to99',
    label: { zh: '一次食物中毒 30–99 人，未出现死亡', en: 'Food poisoning of 30–99 people without deaths' },
    provisional: false,
    source: `${PLAN}（部分）`,
    test: (f) => f.kind === 'foodPoisoning' && f.cases >= 30 && f.cases <= 99 && (f.deaths ?? 0) === 0,
  },
  {
    grade: 'IV',
    id: 'otherGeneral',
    label: { zh: '其他一般突发公共卫生事件（暂定）', en: 'Other general public-health events (provisional)' },
    provisional: true,
    source: 'UNCONFIRMED：Ⅳ级全文未核实；其他情形暂按一般级',
    test: () => true,
  },
];

export type GradeResult = { grade: PhEventGrade; criterion: string; provisional: boolean };

export function gradeEvent(facts: GradeFacts, criteria: GradeCriterion[] = GRADE_CRITERIA): GradeResult {
  for (const c of criteria) {
    if (c.test(facts)) return { grade: c.grade, criterion: c.id, provisional: c.provisional };
  }
  return { grade: 'IV', criterion: 'otherGeneral', provisional: true };
}

// ---------- Reporting chain ----------

export const PH_CHAIN_STEPS = ['county', 'countyGov', 'city', 'province', 'national'] as const;
export type PhChainStep = (typeof PH_CHAIN_STEPS)[number];

/** The kinds whose province reports to the national health department within 1 hour (条例 Art.19). */
export const NATIONAL_ONE_HOUR_KINDS: readonly PhEventKind[] = [
  'infectiousOutbreak',
  'unknownCluster',
  'pathogenLoss',
  'foodPoisoning',
  'occupationalPoisoning',
];

export type ChainHours = { stepHours: number; nationalHours: number };
export const DEFAULT_CHAIN_HOURS: ChainHours = { stepHours: 2, nationalHours: 1 };

export function chainStepsFor(kind: PhEventKind): PhChainStep[] {
  return NATIONAL_ONE_HOUR_KINDS.includes(kind) ? [...PH_CHAIN_STEPS] : PH_CHAIN_STEPS.filter((s) => s !== 'national');
}

export type ChainStepDone = { step: PhChainStep; doneAt: Date | null; doneBy?: string | null };
export type ChainStepView = {
  step: PhChainStep;
  deadlineAt: Date;
  doneAt: Date | null;
  doneBy: string | null;
  /** Done after its deadline. */
  late: boolean;
  /** Not done and past its deadline. */
  overdue: boolean;
};

/**
 * Each step's deadline: the first 2 h from discovery, each next 2 h (1 h national) from the previous
 * step's report, or from the previous deadline while that step is not done.
 */
export function computeChain(
  kind: PhEventKind,
  discoveredAt: Date,
  done: ChainStepDone[],
  now: Date,
  hours: ChainHours = DEFAULT_CHAIN_HOURS,
): ChainStepView[] {
  const byStep = new Map(done.map((d) => [d.step, d]));
  let base = discoveredAt.getTime();
  const out: ChainStepView[] = [];
  for (const step of chainStepsFor(kind)) {
    const h = step === 'national' ? hours.nationalHours : hours.stepHours;
    const deadline = base + h * 3_600_000;
    const d = byStep.get(step);
    const doneAt = d?.doneAt ?? null;
    out.push({
      step,
      deadlineAt: new Date(deadline),
      doneAt,
      doneBy: d?.doneBy ?? null,
      late: doneAt !== null && doneAt.getTime() > deadline,
      overdue: doneAt === null && now.getTime() > deadline,
    });
    base = doneAt ? doneAt.getTime() : deadline;
  }
  return out;
}

/** The next step to record (steps are recorded in order), or null when the chain is complete. */
export function nextChainStep(kind: PhEventKind, done: ChainStepDone[]): PhChainStep | null {
  const doneSet = new Set(done.filter((d) => d.doneAt).map((d) => d.step));
  return chainStepsFor(kind).find((s) => !doneSet.has(s)) ?? null;
}

// ---------- Event state machine ----------

export const PH_EVENT_STATUSES = ['signal', 'confirmed', 'responding', 'closed', 'dismissed'] as const;
export type PhEventStatus = (typeof PH_EVENT_STATUSES)[number];

export const PH_REPORT_KINDS = ['initial', 'progress', 'closing'] as const;
export type PhReportKind = (typeof PH_REPORT_KINDS)[number];

export const PH_EVENT_ACTIONS = [
  'view',
  'confirm',
  'dismiss',
  'grade',
  'respond',
  'recordChainStep',
  'reportInitial',
  'reportProgress',
  'close',
  'linkCase',
  'addContact',
  'addTask',
] as const;
export type PhEventAction = (typeof PH_EVENT_ACTIONS)[number];

export type PhEventState = {
  status: PhEventStatus;
  regionCode: string;
  hasInitialReport: boolean;
  chainComplete: boolean;
  /** The next step of the reporting chain (steps are recorded in order); who may record it depends on it. */
  nextChainStep?: PhChainStep | null;
};

/**
 * The level that makes each report of the chain, as a region-prefix length: the county reports to
 * its health department, its government and the city (6); the city to the province (4); the
 * province to the national level (2). A step is recorded by that level or one above it (which
 * received it) — a county cannot record the province's report to the State Council.
 */
export const CHAIN_STEP_REPORTER_PREFIX: Record<PhChainStep, number> = { county: 6, countyGov: 6, city: 6, province: 4, national: 2 };
export function mayRecordChainStep(actor: Actor, step: PhChainStep): boolean {
  return actor.scope.enterpriseId === null && actor.scope.regionPrefix.length <= CHAIN_STEP_REPORTER_PREFIX[step];
}

const DECIDERS: Role[] = ['countySupervisor', 'citySupervisor', 'provinceSupervisor', 'cdcReviewer'];
const CLOSERS: Role[] = ['countySupervisor', 'citySupervisor', 'provinceSupervisor'];
const VIEWERS: Role[] = [...DECIDERS, 'townshipSupervisor', 'platformAdmin'];

function inRegion(actor: Actor, regionCode: string) {
  return regionCode.startsWith(actor.scope.regionPrefix) && actor.scope.enterpriseId === null;
}

/** What an actor may do to an event now. Enterprise users and medical reporters see no events. */
export function allowedEventActions(actor: Actor, e: PhEventState): PhEventAction[] {
  if (!VIEWERS.includes(actor.role) || !inRegion(actor, e.regionCode)) return [];
  const out: PhEventAction[] = ['view'];
  const decider = DECIDERS.includes(actor.role);
  const open = e.status === 'confirmed' || e.status === 'responding';
  if (decider && e.status === 'signal') out.push('confirm', 'dismiss');
  if (decider && open) {
    out.push('grade');
    if (!e.chainComplete && (!e.nextChainStep || mayRecordChainStep(actor, e.nextChainStep))) out.push('recordChainStep');
    if (!e.hasInitialReport) out.push('reportInitial');
    else out.push('reportProgress');
    out.push('linkCase', 'addTask');
  }
  if (decider && e.status === 'confirmed') out.push('respond');
  if ((decider || actor.role === 'townshipSupervisor') && open) out.push('addContact');
  if (CLOSERS.includes(actor.role) && open && e.hasInitialReport) out.push('close');
  return out;
}

/** The status an action leads to, or null when it does not change the status. */
export function eventTransition(status: PhEventStatus, action: PhEventAction): PhEventStatus | null {
  if (action === 'confirm' && status === 'signal') return 'confirmed';
  if (action === 'dismiss' && status === 'signal') return 'dismissed';
  if (action === 'respond' && status === 'confirmed') return 'responding';
  if (action === 'close' && (status === 'confirmed' || status === 'responding')) return 'closed';
  return null;
}

// ---------- Tasks ----------

export const PH_TASK_KINDS = ['investigation', 'sampling', 'followUp', 'other'] as const;
export type PhTaskKind = (typeof PH_TASK_KINDS)[number];
export const PH_TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type PhTaskStatus = (typeof PH_TASK_STATUSES)[number];
export const PH_TASK_ACTIONS = ['assign', 'done', 'cancel'] as const;
export type PhTaskAction = (typeof PH_TASK_ACTIONS)[number];

export type PhTaskState = { status: PhTaskStatus; regionCode: string; assigneeId: string | null };

const TASK_MANAGERS: Role[] = ['countySupervisor', 'citySupervisor', 'provinceSupervisor', 'cdcReviewer'];

export function allowedTaskActions(actor: Actor, t: PhTaskState): PhTaskAction[] {
  if (t.status !== 'open' || !inRegion(actor, t.regionCode)) return [];
  const manager = TASK_MANAGERS.includes(actor.role);
  const out: PhTaskAction[] = [];
  if (manager) out.push('assign');
  if (manager || (t.assigneeId !== null && t.assigneeId === actor.id)) out.push('done');
  if (manager) out.push('cancel');
  return out;
}

export function taskTransition(status: PhTaskStatus, action: PhTaskAction): PhTaskStatus | null {
  if (status !== 'open') return null;
  if (action === 'done') return 'done';
  if (action === 'cancel') return 'cancelled';
  return 'open';
}

export function taskOverdue(t: { status: PhTaskStatus; dueAt: Date }, now: Date): boolean {
  return t.status === 'open' && now.getTime() > t.dueAt.getTime();
}

/** A contact's name and phone, masked for everyone but the reviewers (张* / 138****5678). */
export function maskContactName(name: string): string {
  return name.length <= 1 ? '*' : `${name.slice(0, 1)}${'*'.repeat(Math.min(name.length - 1, 2))}`;
}
export function maskContactPhone(phone: string): string {
  return maskPhoneNumber(phone);
}
/** Who may see a contact unmasked: the CDC reviewers of the event's jurisdiction. */
export function seesContactsUnmasked(actor: Actor, regionCode: string): boolean {
  return actor.role === 'cdcReviewer' && inRegion(actor, regionCode);
}
