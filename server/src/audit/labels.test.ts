// Labels, not codes: every audit action the server writes, every object type it names, every step
// a hazard's history records and every non-person actor has Chinese and English words, so the audit
// log, the hazard pages and the dossier never show a code such as `hazard.fixes` or `system`.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  ACCIDENT_ACTIONS,
  ALARM_ACTIONS,
  ASSESSMENT_ACTIONS,
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  actorLabel,
  auditActionLabel,
  BLACKLIST_ACTIONS,
  CASE_ACTIONS,
  CHANGE_REQUEST_ACTIONS,
  DISPATCH_ACTIONS,
  DRILL_STEP_ACTIONS,
  EMERGENCY_PLAN_ACTIONS,
  HAZARD_ACTIONS,
  HAZARD_STEP_LABELS,
  hazardStepLabel,
  PH_CASE_ACTIONS,
  PLAN_TRANSITIONS,
  PUBLIC_REPORT_ACTIONS,
  RECORD_ACTIONS,
  REPORT_ACTIONS,
  SYSTEM_ACTOR_LABELS,
} from '@taishan/domain';

const SRC = join(import.meta.dirname, '..');

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [{ file: p, text: readFileSync(p, 'utf8') }] : [];
  });
}

/** The text of each `appendAudit(...)` call: from its opening to the matching parenthesis. */
function auditCalls(text: string): string[] {
  const out: string[] = [];
  for (let i = text.indexOf('appendAudit('); i >= 0; i = text.indexOf('appendAudit(', i + 1)) {
    if (/function\s+$/.test(text.slice(Math.max(0, i - 20), i))) continue;
    let depth = 0;
    let j = i + 'appendAudit'.length;
    for (; j < text.length; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')' && --depth === 0) break;
    }
    out.push(text.slice(i, j + 1));
  }
  return out;
}

// Actions built from a request's step (`hazard.${body.action}`) take every step of that workflow.
const STEPS_OF: Record<string, readonly string[]> = {
  hazard: HAZARD_ACTIONS,
  alarm: ALARM_ACTIONS,
  riskReport: REPORT_ACTIONS,
  report: PUBLIC_REPORT_ACTIONS,
  enterpriseChange: CHANGE_REQUEST_ACTIONS,
  enforcementCase: CASE_ACTIONS,
  enforcementPlan: Object.keys(PLAN_TRANSITIONS),
  accident: ACCIDENT_ACTIONS,
  assessment: ASSESSMENT_ACTIONS,
  accountabilityRecord: RECORD_ACTIONS,
  blacklist: BLACKLIST_ACTIONS,
  emergencyPlans: EMERGENCY_PLAN_ACTIONS,
  drills: DRILL_STEP_ACTIONS,
  dispatch: DISPATCH_ACTIONS,
  phCases: PH_CASE_ACTIONS,
  // transitionEvent's steps (events-service.ts): the others are written as literals.
  phEvents: ['confirm', 'dismiss', 'respond'],
};

function writtenActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const { file, text } of sources(SRC)) {
    for (const call of auditCalls(text)) {
      const m = /action:\s*([^,\n]+(?:\n[^,\n]*\?[^,\n]+)?)/.exec(call);
      assert.ok(m, `${file}: an appendAudit call without an action: ${call.slice(0, 120)}`);
      const expr = m[1] as string;
      for (const [, literal] of expr.matchAll(/'([A-Za-z]+\.[A-Za-z]+)'/g)) found.set(literal as string, file);
      for (const [, prefix] of expr.matchAll(/`([A-Za-z]+)\.\$\{[^}]+\}`/g)) {
        const steps = STEPS_OF[prefix as string];
        assert.ok(steps, `${file}: an action built from a step of an unknown workflow: ${expr}`);
        for (const s of steps) found.set(`${prefix}.${s}`, file);
      }
      assert.ok(/'|`/.test(expr) || expr.trim() === 'action', `${file}: an action that is not a literal: ${expr}`);
    }
  }
  return found;
}

const ASCII_WORD = /[A-Za-z]/;

test('every audit action the server writes has a Chinese and an English label', () => {
  const written = writtenActions();
  assert.ok(written.size >= 60, `found only ${written.size} actions; the scan of appendAudit calls is broken`);
  for (const must of ['auth.login', 'hazard.fixes', 'hazard.escalate', 'hazard.sendBack', 'report.merge', 'alarm.clear'])
    assert.ok(written.has(must), `the scan missed ${must}`);
  const missing = [...written].filter(([a]) => !Object.hasOwn(AUDIT_ACTION_LABELS, a)).map(([a, f]) => `${a} (${f})`);
  assert.deepEqual(missing, [], 'actions written without a label');
});

test('labels are words: Chinese without Latin letters, English present', () => {
  const tables = { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, SYSTEM_ACTOR_LABELS, HAZARD_STEP_LABELS };
  for (const [name, table] of Object.entries(tables))
    for (const [code, l] of Object.entries(table as Record<string, { zh: string; en: string }>)) {
      assert.ok(l.zh && !ASCII_WORD.test(l.zh), `${name}.${code}.zh is not Chinese: ${l.zh}`);
      assert.ok(l.en.trim(), `${name}.${code}.en is empty`);
    }
});

test('every object type the server names in the trail has a label', () => {
  const types = new Set<string>();
  for (const { text } of sources(SRC))
    for (const call of auditCalls(text)) for (const [, t] of call.matchAll(/entityType:\s*'([A-Za-z]+)'/g)) types.add(t as string);
  assert.ok(types.size >= 15);
  assert.deepEqual(
    [...types].filter((t) => !Object.hasOwn(AUDIT_ENTITY_LABELS, t)),
    [],
  );
});

test('system accounts and hazard steps read as words, and what is unknown stays as written', () => {
  assert.equal(actorLabel('system', 'zh'), '系统自动处理');
  assert.equal(actorLabel('demo', 'zh'), '演示数据');
  assert.equal(actorLabel('public', 'zh'), '公众举报人');
  assert.equal(actorLabel('county1', 'zh'), 'county1');
  assert.equal(auditActionLabel('hazard.fixes', 'zh'), '填写“五落实”');
  assert.equal(auditActionLabel('auth.login', 'en'), 'Signed in');
  // Every step the server records in a hazard's history (the report, listing and escalation
  // are written outside the lifecycle's actions) has a label.
  const recorded = new Set<string>();
  for (const { text } of sources(SRC)) {
    for (const [, a] of text.matchAll(/recordTransition\(tx, [^,]+, '([A-Za-z]+)'/g)) recorded.add(a as string);
    for (const [, a] of text.matchAll(/INSERT INTO hazard_transitions[^`]*VALUES \(\$1, '([A-Za-z]+)'/g)) recorded.add(a as string);
  }
  assert.ok(recorded.has('report') && recorded.has('escalate') && recorded.has('list'), [...recorded].join());
  for (const step of [...recorded, ...HAZARD_ACTIONS]) assert.notEqual(hazardStepLabel(step, 'zh'), step, step);
  assert.equal(hazardStepLabel('escalate', 'zh'), '逾期升级');
});
