// The register's review date is the day stored, also on a server whose clock runs in Beijing time,
// where pg hands a `date` over as that zone's midnight (the day before in UTC).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { registerXlsx } from './register-export.ts';
import type { RiskPointRow } from './risk-points-store.ts';

test('the review date is the stored day on a server in UTC+8', async () => {
  const zone = process.env.TZ;
  process.env.TZ = 'Asia/Shanghai';
  try {
    const row: RiskPointRow = {
      id: 'r1',
      enterprise_id: 'e1',
      enterprise_name: '鑫垚化工有限公司',
      region_code: '320582100000',
      name: '液氯储罐区',
      location: null,
      activity: null,
      hazard_factors: [],
      accident_types: [],
      control_measures: [],
      // As pg parses '2027-06-30' in this zone.
      review_date: new Date(2027, 5, 30),
      area_id: null,
      area_name: null,
      method: null,
      score: null,
      level: null,
      assessed_at: null,
      version: 1,
      created_at: new Date(),
      updated_at: new Date(),
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await registerXlsx([row])) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const column = (ws.getRow(1).values as string[]).indexOf('复核日期');
    assert.ok(column > 0, 'a review date column');
    assert.equal(ws.getRow(2).getCell(column).value, '2027-06-30');
  } finally {
    process.env.TZ = zone;
    if (zone === undefined) delete process.env.TZ;
  }
});
