// Hazards' commands: what other capabilities call to record a hazard (inspections, whistleblowing
// reports today; enforcement and accidents next). SQL of the reads is in store.ts.
import type { Actor, hazardInputSchema, InspectionTier } from '@taishan/domain';
import type { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Scoped } from '../../db/scope.ts';
import { newDocumentNumber } from '../../documents/numbers.ts';
import { notFound } from '../../http/errors.ts';
import { enterpriseScope } from '../enterprises/scope.ts';
import { findHazard, type HazardRow, hazardNumberPattern, recordTransition, toHazard } from './store.ts';

/**
 * What a new hazard is made of: the fields of a direct report (hazardInputSchema: enterprise,
 * description, location, level, and the five fixes as far as known, null otherwise) and where it
 * was found.
 * - `foundTier`: the tier that found it — 'self' (the enterprise's self-inspection or own report),
 *   'patrol' | 'county' | 'city' (a government inspection, a substantiated whistleblowing report,
 *   and next enforcement and accidents). Use domain `findingTier(actor, enterpriseId)` for a
 *   hazard an actor reports directly; an inspection's hazards take the inspection's tier.
 * - `inspectionId`, `checklistItem`: the inspection and the failed checklist item it came from.
 * - `evidence`: keys of photos already stored (an inspection's uploaded photos).
 */
export type NewHazard = z.infer<typeof hazardInputSchema> & {
  foundTier: InspectionTier;
  inspectionId?: string | null;
  checklistItem?: string | null;
  evidence?: string[];
};

/**
 * Create a hazard inside an open transaction, with its number: the next of its county this year
 * (taken in this transaction; see newDocumentNumber). The enterprise must be in the actor's scope
 * (404 otherwise). Records the 'report' transition and the audit entry 'hazard.report'.
 */
export async function createHazard(tx: Scoped, actor: Actor, h: NewHazard): Promise<HazardRow> {
  const params: unknown[] = [h.enterpriseId];
  const [e] = await tx.query<{ region_code: string }>(
    `SELECT e.region_code FROM enterprises e WHERE e.id = $1 AND ${enterpriseScope(tx, params)}`,
    params,
  );
  if (!e) throw notFound();
  const { number } = await newDocumentNumber(tx, 'hazard', e.region_code, hazardNumberPattern());
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO hazards (enterprise_id, inspection_id, checklist_item, description, location, evidence, level, found_tier, found_by,
       owner, measures, funds, deadline, contingency, number)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [
      h.enterpriseId,
      h.inspectionId ?? null,
      h.checklistItem ?? null,
      h.description,
      h.location,
      JSON.stringify(h.evidence ?? []),
      h.level,
      h.foundTier,
      actor.username,
      h.owner,
      h.measures,
      h.funds ?? null,
      h.deadline ?? null,
      h.contingency,
      number,
    ],
  );
  const id = row?.id as string;
  await recordTransition(tx, id, 'report', null, 'reported', actor.username, null);
  const created = (await findHazard(tx, id)) as HazardRow;
  await appendAudit(tx, actor, {
    action: 'hazard.report',
    entityType: 'hazard',
    entityId: id,
    regionCode: created.region_code,
    after: toHazard(created, actor),
  });
  return created;
}
