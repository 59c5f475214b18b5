// Built-in checklists (检查表). Each item may be a major-hazard criterion: failing it proposes a
// major hazard (重大事故隐患). Sources named per template; admins publish new versions as data.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { INSPECTION_TIERS } from './lifecycle.ts';

export type ChecklistItem = { code: string; text: string; guidance?: string; legalBasis?: string; majorCriterion: boolean };
export type ChecklistTemplate = {
  code: string;
  name: string;
  /** GB/T 4754 divisions it applies to; empty = every industry. */
  industries: string[];
  tiers: string[];
  source: string;
  items: ChecklistItem[];
};

const CHEM_BASIS = '《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）》（安监总管三〔2017〕121号）';
const CHEM = [
  '危险化学品生产、经营单位主要负责人和安全生产管理人员未依法经考核合格',
  '特种作业人员未持证上岗',
  '涉及“两重点一重大”的生产装置、储存设施外部安全防护距离不符合国家标准要求',
  '涉及重点监管危险化工工艺的装置未实现自动化控制，系统未实现紧急停车功能，装备的自动化控制系统、紧急停车系统未投入使用',
  '构成一级、二级重大危险源的危险化学品罐区未实现紧急切断功能；涉及毒性气体、液化气体、剧毒液体的一级、二级重大危险源的危险化学品罐区未配备独立的安全仪表系统',
  '全压力式液化烃储罐未按国家标准设置注水措施',
  '液化烃、液氨、液氯等易燃易爆、有毒有害液化气体的充装未使用万向管道充装系统',
  '光气、氯气等剧毒气体及硫化氢气体管道穿越除厂区（包括化工园区、工业园区）外的公共区域',
  '地区架空电力线路穿越生产区且不符合国家标准要求',
  '在役化工装置未经正规设计且未进行安全设计诊断',
  '使用淘汰落后安全技术工艺、设备目录列出的工艺、设备',
  '涉及可燃和有毒有害气体泄漏的场所未按国家标准设置检测报警装置，爆炸危险场所未按国家标准安装使用防爆电气设备',
  '控制室或机柜间面向具有火灾、爆炸危险性装置一侧不满足国家标准关于防火防爆的要求',
  '化工生产装置未按国家标准要求设置双重电源供电，自动化控制系统未设置不间断电源',
  '安全阀、爆破片等安全附件未正常投用',
  '未建立与岗位相匹配的全员安全生产责任制或者未制定实施生产安全事故隐患排查治理制度',
  '未制定操作规程和工艺控制指标',
  '未按照国家标准制定动火、进入受限空间等特殊作业管理制度，或者制度未有效执行',
  '新开发的危险化学品生产工艺未经小试、中试、工业化试验直接进行工业化生产；国内首次使用的化工工艺未经过省级人民政府有关部门组织的安全可靠性论证；新建装置未制定试生产方案投料开车；精细化工企业未按规范性文件要求开展反应安全风险评估',
  '未按国家标准分区分类储存危险化学品，超量、超品种储存危险化学品，相互禁配物质混放混存',
];

const GM_BASIS = '《工贸企业重大事故隐患判定标准》（应急管理部令第10号）';
const GM_GENERAL = [
  ['未对承包单位、承租单位的安全生产工作统一协调、管理，或者未定期进行安全检查', '第四条第（一）项'],
  ['特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业', '第四条第（二）项'],
  ['金属冶炼企业主要负责人、安全生产管理人员未按照规定经考核合格', '第四条第（三）项'],
] as const;
const GM_SPECIAL = [
  [
    '粉尘爆炸危险场所设置在非框架结构的多层建（构）筑物内，或者粉尘爆炸危险场所内设有员工宿舍、会议室、办公室、休息室等人员聚集场所',
    '第十一条第（一）项',
    '粉尘防爆',
  ],
  [
    '不同类别的可燃性粉尘、可燃性粉尘与可燃气体等易加剧爆炸危险的介质共用一套除尘系统，或者不同建（构）筑物、不同防火分区共用一套除尘系统、除尘系统互联互通',
    '第十一条第（二）项',
    '粉尘防爆',
  ],
  ['干式除尘系统未采取泄爆、惰化、抑爆等任一种爆炸防控措施', '第十一条第（三）项', '粉尘防爆'],
  ['铝镁等金属粉尘除尘系统采用正压吹送粉尘，且未采取火花探测消除等防范点燃源措施', '第十一条第（四）项', '粉尘防爆'],
  ['除尘系统采用重力沉降室除尘，或者采用干式巷道式构筑物作为除尘风道', '第十一条第（五）项', '粉尘防爆'],
  ['铝镁等金属粉尘、木质粉尘的干式除尘系统未设置锁气卸灰装置', '第十一条第（六）项', '粉尘防爆'],
  ['除尘器、收尘仓等划分为20区的粉尘爆炸危险场所电气设备不符合防爆要求', '第十一条第（七）项', '粉尘防爆'],
  [
    '粉碎、研磨、造粒等易产生机械点燃源的工艺设备前，未设置铁、石等杂物去除装置，或者木制品加工企业与砂光机连接的风管未设置火花探测消除装置',
    '第十一条第（八）项',
    '粉尘防爆',
  ],
  [
    '遇湿自燃金属粉尘收集、堆放、储存场所未采取通风等防止氢气积聚措施，或者干式收集、堆放、储存场所未采取防水、防潮措施',
    '第十一条第（九）项',
    '粉尘防爆',
  ],
  ['未落实粉尘清理制度，造成作业现场积尘严重', '第十一条第（十）项', '粉尘防爆'],
  ['包装、分割、产品整理场所的空调系统采用氨直接蒸发制冷', '第十二条第（一）项', '涉氨制冷'],
  ['快速冻结装置未设置在单独的作业间内，或者快速冻结装置作业间内作业人员数量超过9人', '第十二条第（二）项', '涉氨制冷'],
  ['未对有限空间进行辨识、建立安全管理台账，并且未设置明显的安全警示标志', '第十三条第（一）项', '有限空间'],
  ['未落实有限空间作业审批，或者未执行“先通风、再检测、后作业”要求，或者作业现场未设置监护人员', '第十三条第（二）项', '有限空间'],
] as const;

const FIRE = [
  ['疏散通道、安全出口畅通，未被占用、堵塞或封闭', '《中华人民共和国消防法》第二十八条'],
  ['消防设施、器材完好有效，灭火器在有效期内且按规定配置', '《中华人民共和国消防法》第十六条'],
  ['应急照明和疏散指示标志完好', 'GB 51309-2018'],
  ['电气线路敷设规范，无私拉乱接，未使用不合格电器', '《机关、团体、企业、事业单位消防安全管理规定》'],
  ['动火作业按规定审批并落实现场监护', '《机关、团体、企业、事业单位消防安全管理规定》第二十条'],
  ['消防控制室24小时双人值班并持证上岗', 'GB 25506-2010'],
  ['易燃易爆物品按规定存放，未在人员密集场所违规存放', '《中华人民共和国消防法》第二十三条'],
  ['开展防火巡查检查并有记录', '《机关、团体、企业、事业单位消防安全管理规定》第二十五条'],
] as const;

const ALL_TIERS = [...INSPECTION_TIERS];

export const BUILTIN_CHECKLISTS: ChecklistTemplate[] = [
  {
    code: 'chem-major-2017',
    name: '化工和危险化学品重大生产安全事故隐患判定标准（20条）',
    industries: ['25', '26', '27', '28'],
    tiers: ALL_TIERS,
    source: CHEM_BASIS,
    items: CHEM.map((text, i) => ({
      code: `C${String(i + 1).padStart(2, '0')}`,
      text,
      legalBasis: `${CHEM_BASIS}第${i + 1}条`,
      majorCriterion: true,
    })),
  },
  {
    code: 'gm-major-general-2023',
    name: '工贸企业重大事故隐患判定标准·通用类',
    industries: [],
    tiers: ALL_TIERS,
    source: GM_BASIS,
    items: GM_GENERAL.map(([text, art], i) => ({ code: `G${i + 1}`, text, legalBasis: `${GM_BASIS}${art}`, majorCriterion: true })),
  },
  {
    code: 'gm-major-special-2023',
    name: '工贸企业重大事故隐患判定标准·专项类（粉尘防爆、涉氨制冷、有限空间）',
    industries: [],
    tiers: ALL_TIERS,
    source: GM_BASIS,
    items: GM_SPECIAL.map(([text, art, area], i) => ({
      code: `S${String(i + 1).padStart(2, '0')}`,
      text,
      guidance: area,
      legalBasis: `${GM_BASIS}${art}`,
      majorCriterion: true,
    })),
  },
  {
    code: 'fire-general',
    name: '消防安全通用检查表',
    industries: [],
    tiers: ALL_TIERS,
    source: '《中华人民共和国消防法》等',
    items: FIRE.map(([text, basis], i) => ({ code: `F${i + 1}`, text, legalBasis: basis, majorCriterion: false })),
  },
];

export const checklistItemSchema = z.strictObject({
  code: z.string().trim().min(1).max(20),
  text: z.string().trim().min(1).max(1000),
  guidance: z.string().trim().max(1000).optional(),
  legalBasis: z.string().trim().max(500).optional(),
  majorCriterion: z.boolean().default(false),
});

export const checklistInputSchema = z
  .strictObject({
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{2,40}$/, bi('编码为小写字母、数字和连字符', 'Code: lower-case letters, digits and dashes')),
    name: z.string().trim().min(1).max(200),
    industries: z
      .array(z.string().regex(/^\d{2}$/))
      .max(97)
      .default([]),
    tiers: z
      .array(z.enum(INSPECTION_TIERS))
      .min(1)
      .default([...INSPECTION_TIERS]),
    source: z.string().trim().max(500).default(''),
    items: z.array(checklistItemSchema).min(1, bi('至少一个检查项', 'At least one item')).max(300),
    /**
     * The version the editor started from (0: a new checklist). Publishing over a version someone
     * else published meanwhile is refused rather than silently dropping their changes.
     */
    baseVersion: z.number().int().min(0).optional(),
  })
  .refine((c) => new Set(c.items.map((i) => i.code)).size === c.items.length, bi('检查项编码不能重复', 'Item codes must be unique'));
