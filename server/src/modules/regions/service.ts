// Commands of the regions module: loading a region's district boundaries. One transaction: the
// row and its audit entry. Who may (mayUploadBoundaries) and what is valid (boundaryUploadSchema,
// boundaryCodeProblems) are domain's; the caller checked the first, this checks the children.
import { type Actor, type BoundariesResponse, type BoundaryUpload, boundaryCodeProblems } from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { invalid } from '../../http/errors.ts';
import { childCodes, saveBoundaries, uploadedBoundaries } from './store.ts';

/** Store `upload` as the boundaries of `region`'s children (12 digits; the region exists). */
export async function uploadBoundaries(db: Db, actor: Actor, region: string, upload: BoundaryUpload): Promise<BoundariesResponse> {
  return db.transaction(async (tx) => {
    const problems = boundaryCodeProblems(upload, await childCodes(tx, region));
    if (Object.keys(problems).length)
      throw invalid(problems, {
        zh: '边界中的区域应为该区划的下级区划',
        en: 'Every feature must be a child region of this region',
      });
    const before = await uploadedBoundaries(tx, region, true);
    const source = upload.source ?? `上传 Uploaded by ${actor.username}`;
    await saveBoundaries(tx, region, upload, source, actor.id);
    await appendAudit(tx, actor, {
      action: 'regionBoundaries.upload',
      entityType: 'regionBoundaries',
      entityId: region,
      regionCode: region,
      // The lines themselves are not copied into the trail: which districts, from where.
      before: before ? { source: before.source, codes: before.geojson.features.map((f) => f.properties.code) } : null,
      after: { source, codes: upload.features.map((f) => f.properties.code) },
    });
    const saved = await uploadedBoundaries(tx, region);
    if (!saved) throw new Error('boundaries not saved');
    return saved;
  });
}
