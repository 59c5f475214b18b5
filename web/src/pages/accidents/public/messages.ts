// UI strings of the public accidents page (/open/accidents: the grade calculator and the published
// investigation reports), loaded by the light entry; the app merges them through ../messages.ts.
// The label tables the page shows are in ./labels.ts.
import type { Messages } from '../../../messages.ts';

export const openAccidentsMessages = {
  openAccTitle: { zh: '生产安全事故信息公开', en: 'Production-safety accidents made public' },
  openAccCalculator: { zh: '事故等级计算器', en: 'Accident grade calculator' },
  openAccReports: { zh: '事故调查报告', en: 'Investigation reports' },
  openAccCalcIntro: {
    zh: '依据《生产安全事故报告和调查处理条例》第三条，事故等级按死亡人数、重伤人数（含急性工业中毒）和直接经济损失中达到的最高等级确定，各档下限含本数；下落不明人数不作为定级依据。',
    en: 'Under Decree 493 Art. 3 the grade is the highest reached by deaths, serious injuries (incl. acute poisoning) and direct loss, each lower bound inclusive; missing persons do not grade.',
  },
  openAccDeaths: { zh: '死亡人数', en: 'Deaths' },
  openAccSerious: { zh: '重伤人数（含急性工业中毒）', en: 'Serious injuries (incl. acute poisoning)' },
  openAccLoss: { zh: '直接经济损失（万元）', en: 'Direct loss (10,000 yuan)' },
  openAccCompute: { zh: '计算', en: 'Compute' },
  openAccGrade: { zh: '事故等级', en: 'Grade' },
  openAccGradeBy: { zh: '定级依据', en: 'Decided by' },
  openAccGradeByAll: { zh: '三项均未达到较大事故标准', en: 'No dimension reaches a major accident' },
  openAccReportUpTo: { zh: '逐级上报至', en: 'Reported up to' },
  openAccInvestigatedBy: { zh: '负责调查', en: 'Investigated by' },
  openAccInvestigatedByGov: { zh: '{level}人民政府', en: 'the {level} government' },
  openAccFine: { zh: '事故发生单位罚款（《安全生产法》第一百一十四条）', en: 'Fine on the unit (Work Safety Law Art. 114)' },
  openAccFineRange: { zh: '{min} 万元以上 {max} 万元以下', en: '{min} to {max} (10,000 yuan)' },
  openAccCalcError: { zh: '请检查输入', en: 'Check the input' },
  openAccLoadError: { zh: '加载失败，请稍后重试', en: 'Could not load; try again later' },
  openAccReportsNote: {
    zh: '依据《安全生产法》第八十六条，事故调查报告经批复后依法向社会公布；个人信息已作隐去处理。',
    en: 'Investigation reports are published once approved (Work Safety Law Art. 86); personal data is removed.',
  },
  openAccReportsEmpty: { zh: '暂无公开的事故调查报告', en: 'No published reports yet' },
  openAccNumber: { zh: '事故编号', en: 'Number' },
  openAccUnit: { zh: '事故单位', en: 'Unit' },
  openAccRegion: { zh: '地区', en: 'Region' },
  openAccOccurredAt: { zh: '发生时间', en: 'Occurred' },
  openAccType: { zh: '事故类别', en: 'Type' },
  openAccPublishedAt: { zh: '公布时间', en: 'Published' },
  openAccUnknown: { zh: '不详', en: 'unknown' },
} satisfies Messages;
