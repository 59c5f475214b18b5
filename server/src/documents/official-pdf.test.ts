// The official renderer read back as a person would (pdftotext): issuer, number, title and the
// date in Chinese — Beijing's date, not UTC's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pdfText } from '../test/pdf.ts';
import { OFFICIAL_PAGE, renderForm, renderNotice } from './official-pdf.ts';

test('a notice shows its issuer, number, title, body and the date of issue in Chinese (Beijing)', async () => {
  const pdf = await renderNotice({
    issuer: '宿城区应急管理局文件',
    number: '（宿城）应急通〔2026〕3号',
    title: '关于开展安全生产大检查的通知',
    body: ['各镇（街道）：', '为做好岁末年初安全生产工作，现就有关事项通知如下。'],
    signer: '宿城区应急管理局',
    date: new Date('2026-12-04T16:30:00Z'), // 00:30 on 5 December in Beijing
  });
  const text = pdfText(pdf);
  for (const s of ['宿城区应急管理局文件', '（宿城）应急通〔2026〕3号', '关于开展安全生产大检查的通知', '二〇二六年十二月五日'])
    assert.ok(text.includes(s), `${s} in ${text}`);
  assert.ok(!text.includes('十二月四日'), "Beijing's date, not UTC's");
  assert.equal(Math.round(OFFICIAL_PAGE.width), 595, 'A4');
});

test('a form shows its title, number, labelled cells and date', async () => {
  const pdf = await renderForm({
    issuer: '宿城区应急管理局',
    title: '责令限期整改指令书',
    number: '（宿城）应急责改〔2026〕12号',
    cells: [
      { label: '被检查单位', value: '宿迁示范化工有限公司' },
      { label: '整改期限', value: '2026年12月20日前' },
    ],
    date: new Date('2026-12-05T02:00:00Z'),
  });
  const text = pdfText(pdf);
  for (const s of ['责令限期整改指令书', '（宿城）应急责改〔2026〕12号', '被检查单位', '宿迁示范化工有限公司', '二〇二六年十二月五日'])
    assert.ok(text.includes(s), `${s} in ${text}`);
});
