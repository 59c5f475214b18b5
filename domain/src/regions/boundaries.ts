// District boundaries the map draws: the child regions of one region as a GeoJSON
// FeatureCollection, each feature a Polygon or MultiPolygon whose properties.code is the child's
// region code (6 digits for a county, 9 for a township: the 12-digit code without its trailing
// zero groups). One schema validates an upload (PUT /api/v1/regions/:code/boundaries); the rule
// that every code is a child of :code needs the regions table, so it is a function of the
// child codes the server passes in (boundaryCodeProblems).
import { z } from 'zod';
import { mayAdministerProvince } from '../auth/policy.ts';
import type { Actor } from '../auth/roles.ts';
import { type Bilingual, bi } from '../errors/messages.ts';

/**
 * Vertices in one upload, all rings together. A city's districts drawn at ~10 m need tens of
 * thousands (the bundled Suqian file: about 17,000); more only slows every dashboard that draws them.
 */
export const MAX_BOUNDARY_VERTICES = 200_000;
/** Child regions per upload: a county has at most a few dozen townships. */
export const MAX_BOUNDARY_FEATURES = 200;

const lng = z
  .number()
  .min(-180, bi('经度应在 -180 到 180 之间', 'Longitude is between -180 and 180'))
  .max(180, bi('经度应在 -180 到 180 之间', 'Longitude is between -180 and 180'));
const lat = z
  .number()
  .min(-90, bi('纬度应在 -90 到 90 之间', 'Latitude is between -90 and 90'))
  .max(90, bi('纬度应在 -90 到 90 之间', 'Latitude is between -90 and 90'));
/** [longitude, latitude], an altitude allowed and dropped (GeoJSON RFC 7946 §3.1.1); nothing more. */
const position = z
  .tuple([lng, lat], z.number())
  .refine(
    (p) => p.length <= 3,
    bi('坐标最多三个数（经度、纬度、高程）', 'A position has at most 3 numbers (longitude, latitude, altitude)'),
  )
  .transform(([x, y]): [number, number] => [x, y]);
const samePoint = (a?: number[], b?: number[]) => !!a && !!b && a[0] === b[0] && a[1] === b[1];
/** A linear ring: closed (first point = last) with at least four points (RFC 7946 §3.1.6). */
const ring = z
  .array(position)
  .min(4, bi('每个环至少 4 个点（首尾相同）', 'A ring has at least 4 positions (first = last)'))
  .refine((r) => samePoint(r[0], r[r.length - 1]), bi('环应首尾闭合', 'A ring must end where it starts'));
const polygon = z.array(ring).min(1, bi('多边形至少一个环', 'A polygon has at least one ring'));

export const boundaryGeometrySchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Polygon'), coordinates: polygon }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1, bi('至少一个多边形', 'At least one polygon')) }),
  ],
  { error: bi('几何类型应为 Polygon 或 MultiPolygon', 'Geometry must be a Polygon or MultiPolygon') },
);

/** A region code as the map names it: 6, 9 or 12 digits. */
export const boundaryCodeSchema = z
  .string(bi('应为区划代码', 'A region code is required'))
  .regex(/^\d{6}(\d{3}(\d{3})?)?$/, bi('区划代码应为 6、9 或 12 位数字', 'Region code has 6, 9 or 12 digits'));

export const boundaryFeatureSchema = z.object({
  type: z.literal('Feature', bi('应为 Feature', 'Must be a Feature')),
  properties: z.object({ code: boundaryCodeSchema, name: z.string().max(50).optional() }),
  geometry: boundaryGeometrySchema,
});

const vertexCount = (g: z.infer<typeof boundaryGeometrySchema>) =>
  g.type === 'Polygon' ? g.coordinates.reduce((n, r) => n + r.length, 0) : g.coordinates.flat().reduce((n, r) => n + r.length, 0);

/** An upload: the FeatureCollection, and optionally where it comes from (a foreign member). */
export const boundaryUploadSchema = z
  .object({
    type: z.literal('FeatureCollection', bi('应为 FeatureCollection', 'Must be a FeatureCollection')),
    /** Where the lines come from and under which licence, e.g. "天地图 审图号 GS(2024)0650号". */
    source: z.string().trim().min(1).max(200).optional(),
    features: z
      .array(boundaryFeatureSchema)
      .min(1, bi('至少一个区域', 'At least one feature'))
      .max(MAX_BOUNDARY_FEATURES, bi(`最多 ${MAX_BOUNDARY_FEATURES} 个区域`, `At most ${MAX_BOUNDARY_FEATURES} features`)),
  })
  .superRefine((fc, ctx) => {
    const seen = new Set<string>();
    fc.features.forEach((f, i) => {
      const code = regionCode12(f.properties.code);
      if (seen.has(code))
        ctx.addIssue({
          code: 'custom',
          path: ['features', i, 'properties', 'code'],
          message: bi('区划代码重复', 'Region code appears twice'),
        });
      seen.add(code);
    });
    const vertices = fc.features.reduce((n, f) => n + vertexCount(f.geometry), 0);
    if (vertices > MAX_BOUNDARY_VERTICES)
      ctx.addIssue({
        code: 'custom',
        path: ['features'],
        message: bi(
          `顶点过多（${vertices}），最多 ${MAX_BOUNDARY_VERTICES}：请先简化边界`,
          `Too many vertices (${vertices}); at most ${MAX_BOUNDARY_VERTICES}: simplify the boundaries first`,
        ),
      });
  });
export type BoundaryUpload = z.infer<typeof boundaryUploadSchema>;

/** 6/9/12 digits → the 12-digit code the regions table keys on. */
export const regionCode12 = (code: string) => code.padEnd(12, '0');
/** 12 digits → the short code a map feature carries (321302000000 → 321302, 321302100000 → 321302100). */
export const shortRegionCode = (code12: string) => code12.replace(/(000)+$/, '').padEnd(6, '0');

/**
 * Field messages for features that are not children of the region (`childCodes`: the 12-digit
 * codes of its children); empty when every feature is one.
 */
export function boundaryCodeProblems(upload: Pick<BoundaryUpload, 'features'>, childCodes: readonly string[]): Record<string, Bilingual> {
  const children = new Set(childCodes);
  const problems: Record<string, Bilingual> = {};
  upload.features.forEach((f, i) => {
    if (!children.has(regionCode12(f.properties.code)))
      problems[`features.${i}.properties.code`] = {
        zh: `${f.properties.code} 不是该区划的下级区划`,
        en: `${f.properties.code} is not a child region of this region`,
      };
  });
  return problems;
}

/** Who loads boundaries for a region: the platform admin, or a supervisor of its province. */
export const mayUploadBoundaries = (actor: Actor, regionCode: string) => mayAdministerProvince(actor, regionCode.slice(0, 2));

/**
 * The boundaries as the API sends them. Coordinates pass through unparsed: they were validated on
 * upload (or are the bundled file), and a city's file has tens of thousands of positions.
 */
export const boundariesResponseSchema = z.object({
  /** The region whose children are drawn, 12 digits. */
  region: z.string(),
  /** True for the file bundled with Taishan (no upload for this region yet). */
  bundled: z.boolean(),
  source: z.string(),
  uploadedAt: z.string().nullable(),
  uploadedBy: z.string().nullable(),
  geojson: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        properties: z.object({ code: z.string(), name: z.string().optional() }),
        geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.unknown() }),
      }),
    ),
  }),
});
export type BoundariesResponse = z.infer<typeof boundariesResponseSchema>;
