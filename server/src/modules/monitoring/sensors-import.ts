// A sensor list from a CSV/XLSX file: Chinese or English headers, type by key or Chinese name;
// every row checked with the registry's input schema, each bad line named with what is wrong.
import { SENSOR_TYPE_INFO, SENSOR_TYPES, type SensorInput, sensorInputSchema } from '@taishan/domain';
import { invalid } from '../../http/errors.ts';
import { readGrid, TableFormatError } from '../enterprises/tabular.ts';

/** CSV/XLSX columns, Chinese or English headers. */
const HEADERS: Record<string, keyof SensorInput> = {
  重大危险源编号: 'installationId',
  installationId: 'installationId',
  点位编号: 'code',
  code: 'code',
  点位名称: 'name',
  name: 'name',
  类型: 'type',
  type: 'type',
  单位: 'unit',
  unit: 'unit',
  量程下限: 'rangeMin',
  rangeMin: 'rangeMin',
  量程上限: 'rangeMax',
  rangeMax: 'rangeMax',
  低低报: 'lowLow',
  lowLow: 'lowLow',
  低报: 'low',
  low: 'low',
  高报: 'high',
  high: 'high',
  高高报: 'highHigh',
  highHigh: 'highHigh',
  回差: 'hysteresis',
  hysteresis: 'hysteresis',
  变化率上限: 'rateLimit',
  rateLimit: 'rateLimit',
  离线时限秒: 'offlineSeconds',
  offlineSeconds: 'offlineSeconds',
};
const NUMERIC = new Set(['rangeMin', 'rangeMax', 'lowLow', 'low', 'high', 'highHigh', 'hysteresis', 'rateLimit', 'offlineSeconds']);
const TYPE_BY_NAME = new Map<string, string>(
  SENSOR_TYPES.flatMap(
    (t) =>
      [
        [t, t],
        [SENSOR_TYPE_INFO[t].zh, t],
      ] as [string, string][],
  ),
);

/** Every row of the file as a sensor input; a 400 naming each bad line when any is wrong (all or nothing). */
export async function sensorsFromFile(content: Buffer, filename: string): Promise<SensorInput[]> {
  let grid: unknown[][];
  try {
    grid = await readGrid(content, filename);
  } catch (err) {
    if (err instanceof TableFormatError) {
      const [zh, en] = err.message.split('||');
      throw invalid({ file: { zh: zh as string, en: en ?? (zh as string) } });
    }
    throw err;
  }
  const [header = [], ...body] = grid;
  const keys = header.map((h) => HEADERS[String(h ?? '').trim()]);
  const parsed = body.flatMap((cells, i) => {
    if (cells.every((c) => c === null || c === undefined || String(c).trim() === '')) return [];
    const o: Record<string, unknown> = {};
    keys.forEach((key, j) => {
      const v = cells[j];
      if (!key || v === null || v === undefined || String(v).trim() === '') return;
      o[key] = key === 'type' ? (TYPE_BY_NAME.get(String(v).trim()) ?? v) : NUMERIC.has(key) ? Number(v) : String(v).trim();
    });
    return [{ line: i + 2, result: sensorInputSchema.safeParse(o) }];
  });
  // A message is "中文||English" (domain bi()); each bad line is named with what is wrong.
  const part = (m: string, i: 0 | 1) => m.split('||')[i] ?? m;
  const bad = parsed.filter((p) => !p.result.success);
  if (bad.length)
    throw invalid(
      Object.fromEntries(
        bad.map((p) => {
          const issues = p.result.error?.issues ?? [];
          return [
            `line${p.line}`,
            {
              zh: issues.map((i) => `${i.path.join('.')}: ${part(i.message, 0)}`).join('；'),
              en: issues.map((i) => `${i.path.join('.')}: ${part(i.message, 1)}`).join('; '),
            },
          ];
        }),
      ),
      { zh: `${bad.length} 行有误，未导入任何点位`, en: `${bad.length} rows are wrong; nothing was imported` },
    );
  return parsed.map((p) => p.result.data as SensorInput);
}
