// UI strings of the holiday calendar page (节假日安排), Chinese and English side by side.
import type { Messages } from '../../messages.ts';

export const calendarMessages = {
  calendarTitle: { zh: '节假日安排', en: 'Public holidays' },
  calendarYear: { zh: '年份', en: 'Year' },
  calendarSource: {
    zh: '依据国务院办公厅《关于{year}年部分节假日安排的通知》。按工作日计算的期限（如举报受理期限）按此日历计算：放假日不计，调休上班日计入；未录入安排的年份只按周六、周日休息计算。',
    en: 'From the State Council General Office’s notice on the {year} public holidays. Deadlines counted in working days (such as a public report’s acceptance) count in this calendar: holidays are not counted, make-up working days are; a year without entries counts Saturdays and Sundays off only.',
  },
  calendarNone: {
    zh: '{year} 年尚未录入节假日安排，按周末计算工作日。',
    en: 'No holidays entered for {year}: working days count weekends only.',
  },
  calendarSummary: { zh: '放假 {holidays} 天，调休上班 {workdays} 天', en: '{holidays} days off, {workdays} make-up working days' },
  calendarHolidayDays: { zh: '放假', en: 'Days off' },
  calendarWorkDays: { zh: '调休上班', en: 'Make-up working days' },
  calendarDate: { zh: '日期', en: 'Date' },
  calendarKind: { zh: '安排', en: 'Kind' },
  calendarName: { zh: '节日', en: 'Holiday' },
  calendarNamePlaceholder: { zh: '如：国庆节', en: 'e.g. 国庆节 (National Day)' },
  calendarAdd: { zh: '新增日期', en: 'Add a day' },
  calendarEditDay: { zh: '修改 {date}', en: 'Edit {date}' },
  calendarRemoveConfirm: {
    zh: '删除该日安排？该日恢复为普通工作日或周末。此操作将记入审计日志。',
    en: 'Remove this day? It becomes an ordinary working day or weekend again. The change is audited.',
  },
} as const satisfies Messages;
