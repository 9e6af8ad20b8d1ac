/** The languages a report is written in: 中文 by default. */
export const REPORT_LANGS = ['zh', 'en'] as const;

export type ReportLang = (typeof REPORT_LANGS)[number];

/** The words the page script puts in its tooltips; `{name}` is filled in there. */
export interface TooltipWords {
  /** A retention cell: `{rate}`, `{n}` returning users, `{size}` users on day 0. */
  cell: string;
  /** The D0 cell: `{size}` users. */
  size: string;
  /** A cell not final yet: `{date}` it is complete from. */
  pending: string;
  empty: string;
  missing: string;
  /** A rate above 100 %: `{n}`, `{size}`. */
  over: string;
  invalid: string;
  /** The 7-day average, after each daily value in a chart's tooltip. */
  average: string;
  /** Sunday first, as `Date#getUTCDay` counts. */
  weekdays: string[];
}

/** Every word a report shows, in one language. */
export interface ReportText {
  /** `<html lang>`. */
  htmlLang: string;
  defaultTitle: string;
  days: (count: number) => string;
  generated: (when: string) => string;
  source: { wechat: string; emulator: string };
  sampleBanner: { title: string; body: string };
  noDays: string;
  nav: { label: string; summary: string; glossary: string; trends: string; numbers: string };
  cohorts: Record<'new' | 'active', { title: string; retention: string }>;
  summary: {
    newUsers: string;
    newUsersNote: (days: number) => string;
    retention: (key: number) => string;
    pooledNote: (days: number) => string;
    finalDays: string;
    finalDaysNote: string;
    badNote: string;
  };
  glossary: { title: string; terms: [string, string][] };
  trends: { title: string; hint: string; chartLabel: (cohort: string) => string; daily: string; average: string; weekend: string; flagged: string };
  cohortsTitle: string;
  cohortsHint: (cohort: string) => string;
  heatmap: { date: string; swipe: string; scale: string; pending: string; weekend: string; missing: string; empty: string; flagged: string; missingText: string; invalidText: string };
  numbers: { title: string; hint: string; date: string };
  footer: string;
  tooltip: TooltipWords;
  /** An x-axis label at the first of a month; the year shows with January and the first label. */
  monthTick: (year: number, month: number, withYear: boolean) => string;
  dayTick: (month: number, day: number) => string;
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const ZH: ReportText = {
  htmlLang: 'zh-CN',
  defaultTitle: '小程序日留存报告',
  days: (count) => `${count} 天`,
  generated: (when) => `生成于 ${when}（北京时间）`,
  source: { wechat: '数据来源：微信接口 getDailyRetain', emulator: '数据来源：内置的微信模拟器（示例数据）' },
  sampleBanner: {
    title: '示例数据',
    body: '这份报告的数字来自内置的微信模拟器，不是任何真实小程序的数据。用真实的 AppID 和 AppSecret 重新生成，即可看到真实数据。',
  },
  noDays: '这份报告里没有任何日期。',
  nav: { label: '目录', summary: '概览', glossary: '术语', trends: '趋势', numbers: '全部数字' },
  cohorts: { new: { title: '新增用户', retention: '新增留存' }, active: { title: '活跃用户', retention: '活跃留存' } },
  summary: {
    newUsers: '新增用户',
    newUsersNote: (days) => `${days} 天合计`,
    retention: (key) => `D${key} 新增留存`,
    pooledNote: (days) => `${days} 个已定日期的汇总`,
    finalDays: '已定日期',
    finalDaysNote: '数字不会再变的日期',
    badNote: '超过 100% 或无效：数据有误',
  },
  glossary: {
    title: '术语',
    terms: [
      ['新增留存', '某天首次访问小程序的新用户中，之后第 k 天再次访问的人所占的比例（接口中的 visit_uv_new）。'],
      ['活跃留存', '某天访问过小程序的全部用户（新用户和老用户）中，之后第 k 天再次访问的人所占的比例（visit_uv）。'],
      ['D0、D1、D7、D30', 'D0 是当天本身，表格里显示当天的人数；Dk 是之后的第 k 天。微信提供 D1–D7、D14 和 D30。'],
      ['已定', '第 k 天在北京时间结束后，Dk 的数字才不再变化。还没到的格子标为“待定”，画斜线，不计入汇总。'],
      ['汇总留存', '多天合在一起的留存：各天第 k 天回访人数之和 ÷ 这些天 D0 人数之和，只算 Dk 已定的日期。人多的日子权重更大，不是每日留存率的平均值。'],
    ],
  },
  trends: {
    title: '留存趋势',
    hint: 'D1、D7、D30 留存随日期的变化。细线是每天的数值，粗线是 7 日平均（最近 7 天的汇总留存），灰色竖条是周末。线在数字待定处结束。点按图表查看当天的数值。',
    chartLabel: (cohort) => `${cohort}：D1、D7、D30 留存趋势`,
    daily: '每天',
    average: '7 日平均',
    weekend: '周末',
    flagged: '超过 100% 或无效（画在顶端，不参与刻度）',
  },
  cohortsTitle: '逐日留存',
  cohortsHint: (cohort) =>
    `每行是一天的${cohort}：D0 是当天人数，D1…D30 是其中之后第 k 天回来的比例，颜色越深留存越高。点按格子查看人数。`,
  heatmap: {
    date: '日期',
    swipe: '左右滑动表格可看到更多列。',
    scale: '留存率',
    pending: '待定',
    weekend: '周末的日期',
    missing: '无：微信没有返回数字',
    empty: '–：当天没有用户',
    flagged: '超过 100% 或无效：数据有误，不参与着色',
    missingText: '无',
    invalidText: '无效',
  },
  numbers: { title: '全部数字', hint: '微信返回的人数：D0 是当天人数，Dk 是第 k 天回访的人数。画斜线的格子待定。', date: '日期' },
  footer: '第 k 天留存 = 当天的用户中第 k 天回来的人数 ÷ 当天人数。单个 HTML 文件，离线可看，不连接任何网络。',
  tooltip: {
    cell: '{rate}（{n} / {size} 人）',
    size: '{size} 人',
    pending: '待定：{date} 起完整',
    empty: '当天没有用户',
    missing: '微信没有返回这个数字',
    over: '{n} / {size} 人，超过 100%：数据有误',
    invalid: '无效的数字：数据有误',
    average: '7 日平均',
    weekdays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  },
  monthTick: (year, month, withYear) => (withYear ? `${year}年${month}月` : `${month}月`),
  dayTick: (month, day) => `${month}/${day}`,
};

const EN: ReportText = {
  htmlLang: 'en',
  defaultTitle: 'Daily retention',
  days: (count) => `${count} ${count === 1 ? 'day' : 'days'}`,
  generated: (when) => `generated ${when} Beijing time`,
  source: { wechat: 'Source: WeChat getDailyRetain API', emulator: 'Source: the embedded WeChat emulator (sample data)' },
  sampleBanner: {
    title: 'Sample data',
    body: 'These numbers come from the embedded WeChat emulator, not from a real mini program. Generate the report again with a real AppID and AppSecret to see real data.',
  },
  noDays: 'There are no days in this report.',
  nav: { label: 'Contents', summary: 'Summary', glossary: 'Glossary', trends: 'Trends', numbers: 'All numbers' },
  cohorts: {
    new: { title: 'New users', retention: 'New-user retention' },
    active: { title: 'Active users', retention: 'Active-user retention' },
  },
  summary: {
    newUsers: 'New users',
    newUsersNote: (days) => `total over ${days} ${days === 1 ? 'day' : 'days'}`,
    retention: (key) => `D${key} new-user retention`,
    pooledNote: (days) => `pooled over ${days} final ${days === 1 ? 'day' : 'days'}`,
    finalDays: 'Final days',
    finalDaysNote: 'days whose numbers will not change',
    badNote: 'above 100 % or invalid: bad data',
  },
  glossary: {
    title: 'Glossary',
    terms: [
      ['New-user retention', 'Of the users who opened the mini program for the first time on a day, the share who came back k days later (visit_uv_new in the API).'],
      ['Active-user retention', 'Of all users who opened it on a day, new or returning, the share who came back k days later (visit_uv).'],
      ['D0, D1, D7, D30', 'D0 is the day itself; the tables show its users. Dk is k days later. WeChat reports D1–D7, D14 and D30.'],
      ['Final', 'Dk stops changing once day k has ended in Beijing time. Cells not final yet are hatched, marked "not final yet" and left out of totals.'],
      ['Pooled rate', 'Retention over many days: users coming back on day k, summed, ÷ users on day 0, summed, over the days whose Dk is final. Busy days weigh more; it is not the average of daily rates.'],
    ],
  },
  trends: {
    title: 'Retention over time',
    hint: 'Day-1, day-7 and day-30 retention by date. Thin lines are daily values, thick lines the 7-day average (pooled over the last 7 days), grey bands weekends. Lines end where the numbers are not final yet. Tap or hover over a chart for a day’s values.',
    chartLabel: (cohort) => `${cohort}: day-1, day-7 and day-30 retention over time`,
    daily: 'Daily',
    average: '7-day average',
    weekend: 'Weekend',
    flagged: 'Above 100 % or invalid (drawn at the top, outside the scale)',
  },
  cohortsTitle: 'Cohorts by day',
  cohortsHint: (cohort) =>
    `Each row is a day’s ${cohort.toLowerCase()}: D0 is how many there were, D1…D30 the share who came back k days later. Darker means more came back. Tap or hover over a cell for its counts.`,
  heatmap: {
    date: 'Date',
    swipe: 'Swipe the table sideways for more columns.',
    scale: 'Retention',
    pending: 'Not final yet',
    weekend: 'Weekend dates',
    missing: 'n/a: no number from WeChat',
    empty: '–: no users that day',
    flagged: 'Above 100 % or invalid: bad data, not coloured',
    missingText: 'n/a',
    invalidText: 'bad',
  },
  numbers: { title: 'All numbers', hint: 'Users as WeChat reports them: D0 on the day, Dk coming back k days later. Hatched cells are not final yet.', date: 'Date' },
  footer: 'Day-k retention = users of a day who came back on day k ÷ users of that day. One HTML file: it works offline and connects to nothing.',
  tooltip: {
    cell: '{rate} ({n} of {size} users)',
    size: '{size} users',
    pending: 'Not final yet: complete from {date}',
    empty: 'No users that day',
    missing: 'WeChat returned no number',
    over: '{n} of {size} users, above 100 %: bad data',
    invalid: 'Invalid number: bad data',
    average: '7-day avg',
    weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  },
  monthTick: (year, month, withYear) => `${EN_MONTHS[month - 1]}${withYear ? ` ${year}` : ''}`,
  dayTick: (month, day) => `${EN_MONTHS[month - 1]} ${day}`,
};

export const REPORT_TEXT: Record<ReportLang, ReportText> = { zh: ZH, en: EN };
