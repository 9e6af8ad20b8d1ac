import type { PeriodId } from '../period/period';

/** The languages a report is written in: 中文 by default. */
export const REPORT_LANGS = ['zh', 'en'] as const;

export type ReportLang = (typeof REPORT_LANGS)[number];

/** The words the page script puts in its tooltips; `{name}` is filled in there. */
export interface TooltipWords {
  /** A retention cell: `{rate}`, `{n}` returning users, `{size}` users at key 0. */
  cell: string;
  /** The key-0 cell: `{size}` users. */
  size: string;
  /** A cell not final yet: `{date}` it is complete from. */
  pending: string;
  /** A period without users: "no users that day", "… that week". */
  empty: string;
  missing: string;
  /** A rate above 100 %: `{n}`, `{size}`. */
  over: string;
  invalid: string;
  /** The 7-day average, after each daily value in a chart's tooltip (days only). */
  average: string;
}

/** The words that differ between the daily, weekly and monthly views, in one language. */
export interface ViewText {
  /** The title of a report that holds this view alone. */
  title: string;
  /** The view's tab. */
  tab: string;
  /** `90 天`, `13 weeks`. */
  count: (n: number) => string;
  /** Why the view may cover more than the dates asked for (weeks and months); empty for days. */
  widened: string;
  /** Periods a range could not fetch: how many, and which (already listed). */
  missing: (n: number, list: string) => string;
  noPeriods: string;
  summary: { newUsersNote: (n: number) => string; pooledNote: (n: number) => string; finalPeriods: string; finalPeriodsNote: string };
  glossary: [string, string][];
  trendsHint: string;
  chartLabel: (cohort: string) => string;
  cohortsTitle: string;
  cohortsHint: (cohort: string) => string;
  /** The heading of the first column of the heatmaps and of the numbers. */
  column: string;
  emptyLegend: string;
  numbersHint: string;
  /** The footer's sentence defining this view's rate. */
  formula: string;
  /** The tooltip for a period without users. */
  empty: string;
}

/** Every word a report shows, in one language. */
export interface ReportText {
  /** `<html lang>`. */
  htmlLang: string;
  /** The title of a report of several views. */
  defaultTitle: string;
  generated: (when: string) => string;
  /** `a、b、c`, `a, b, c`. */
  list: (items: readonly string[]) => string;
  /** Sentences one after another: no space between Chinese ones. */
  sentences: (items: readonly string[]) => string;
  /** `apis`: the retain APIs the views came from, getDailyRetain first. */
  source: { wechat: (apis: readonly string[]) => string; emulator: string };
  sampleBanner: { title: string; body: string };
  nav: { label: string; views: string; summary: string; glossary: string; trends: string; numbers: string };
  cohorts: Record<'new' | 'active', { title: string; retention: string }>;
  summary: { newUsers: string; retention: (key: string) => string; badNote: string };
  glossaryTitle: string;
  trends: { title: string; daily: string; average: string; weekend: string; flagged: string };
  heatmap: { swipe: string; scale: string; pending: string; weekend: string; missing: string; flagged: string; missingText: string; invalidText: string };
  numbersTitle: string;
  /** The footer's last sentence. */
  fileNote: string;
  tooltip: Omit<TooltipWords, 'empty'>;
  /** Sunday first, as `Date#getUTCDay` counts. */
  weekdays: string[];
  /** An x-axis label at the first of a month; the year shows with January and the first label. */
  monthTick: (year: number, month: number, withYear: boolean) => string;
  dayTick: (month: number, day: number) => string;
  views: Record<PeriodId, ViewText>;
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const ZH_PENDING = '还没到的格子标为“待定”，画斜线，不计入汇总。';

const ZH: ReportText = {
  htmlLang: 'zh-CN',
  defaultTitle: '小程序留存报告',
  generated: (when) => `生成于 ${when}（北京时间）`,
  list: (items) => items.join('、'),
  sentences: (items) => items.join(''),
  source: { wechat: (apis) => `数据来源：微信接口 ${apis.join('、')}`, emulator: '数据来源：内置的微信模拟器（示例数据）' },
  sampleBanner: {
    title: '示例数据',
    body: '这份报告的数字来自内置的微信模拟器，不是任何真实小程序的数据。用真实的 AppID 和 AppSecret 重新生成，即可看到真实数据。',
  },
  nav: { label: '目录', views: '视图', summary: '概览', glossary: '术语', trends: '趋势', numbers: '全部数字' },
  cohorts: { new: { title: '新增用户', retention: '新增留存' }, active: { title: '活跃用户', retention: '活跃留存' } },
  summary: { newUsers: '新增用户', retention: (key) => `${key} 新增留存`, badNote: '超过 100% 或无效：数据有误' },
  glossaryTitle: '术语',
  trends: { title: '留存趋势', daily: '每天', average: '7 日平均', weekend: '周末', flagged: '超过 100% 或无效（画在顶端，不参与刻度）' },
  heatmap: {
    swipe: '左右滑动表格可看到更多列。',
    scale: '留存率',
    pending: '待定',
    weekend: '周末的日期',
    missing: '无：微信没有返回数字',
    flagged: '超过 100% 或无效：数据有误，不参与着色',
    missingText: '无',
    invalidText: '无效',
  },
  numbersTitle: '全部数字',
  fileNote: '单个 HTML 文件，离线可看，不连接任何网络。',
  tooltip: {
    cell: '{rate}（{n} / {size} 人）',
    size: '{size} 人',
    pending: '待定：{date} 起完整',
    missing: '微信没有返回这个数字',
    over: '{n} / {size} 人，超过 100%：数据有误',
    invalid: '无效的数字：数据有误',
    average: '7 日平均',
  },
  weekdays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  monthTick: (year, month, withYear) => (withYear ? `${year}年${month}月` : `${month}月`),
  dayTick: (month, day) => `${month}/${day}`,
  views: {
    day: {
      title: '小程序日留存报告',
      tab: '按日',
      count: (n) => `${n} 天`,
      widened: '',
      missing: (n, list) => `有 ${n} 天没有取到数据，不在表中：${list}。`,
      noPeriods: '这份报告里没有任何日期。',
      summary: {
        newUsersNote: (n) => `${n} 天合计`,
        pooledNote: (n) => `${n} 个已定日期的汇总`,
        finalPeriods: '已定日期',
        finalPeriodsNote: '数字不会再变的日期',
      },
      glossary: [
        ['新增留存', '某天首次访问小程序的新用户中，之后第 k 天再次访问的人所占的比例（接口中的 visit_uv_new）。'],
        ['活跃留存', '某天访问过小程序的全部用户（新用户和老用户）中，之后第 k 天再次访问的人所占的比例（visit_uv）。'],
        ['D0、D1、D7、D30', 'D0 是当天本身，表格里显示当天的人数；Dk 是之后的第 k 天。微信提供 D1–D7、D14 和 D30。'],
        ['已定', `第 k 天在北京时间结束后，Dk 的数字才不再变化。${ZH_PENDING}`],
        ['汇总留存', '多天合在一起的留存：各天第 k 天回访人数之和 ÷ 这些天 D0 人数之和，只算 Dk 已定的日期。人多的日子权重更大，不是每日留存率的平均值。'],
      ],
      trendsHint: 'D1、D7、D30 留存随日期的变化。细线是每天的数值，粗线是 7 日平均（最近 7 天的汇总留存），灰色竖条是周末。线在数字待定处结束。点按图表查看当天的数值。',
      chartLabel: (cohort) => `${cohort}：D1、D7、D30 留存趋势`,
      cohortsTitle: '逐日留存',
      cohortsHint: (cohort) => `每行是一天的${cohort}：D0 是当天人数，D1…D30 是其中之后第 k 天回来的比例，颜色越深留存越高。点按格子查看人数。`,
      column: '日期',
      emptyLegend: '–：当天没有用户',
      numbersHint: '微信返回的人数：D0 是当天人数，Dk 是第 k 天回访的人数。画斜线的格子待定。',
      formula: '第 k 天留存 = 当天的用户中第 k 天回来的人数 ÷ 当天人数。',
      empty: '当天没有用户',
    },
    week: {
      title: '小程序周留存报告',
      tab: '按周',
      count: (n) => `${n} 周`,
      widened: '周是自然周（周一至周日）：日期扩展为完整的周，尚未结束的一周不含在内。',
      missing: (n, list) => `有 ${n} 周没有取到数据，不在表中：${list}。`,
      noPeriods: '这份报告里没有任何一周。',
      summary: {
        newUsersNote: (n) => `${n} 周合计`,
        pooledNote: (n) => `${n} 个已定周的汇总`,
        finalPeriods: '已定的周',
        finalPeriodsNote: '数字不会再变的周',
      },
      glossary: [
        ['新增留存', '某周（周一至周日）首次访问小程序的新用户中，之后第 k 周再次访问的人所占的比例（接口中的 visit_uv_new）。'],
        ['活跃留存', '某周访问过小程序的全部用户（新用户和老用户）中，之后第 k 周再次访问的人所占的比例（visit_uv）。'],
        ['W0、W1、W4', 'W0 是当周本身，表格里显示当周的人数；Wk 是之后的第 k 周。微信提供 W1–W4。'],
        ['已定', `第 k 周在北京时间结束（周日 24 点）后，Wk 的数字才不再变化。${ZH_PENDING}`],
        ['汇总留存', '多周合在一起的留存：各周第 k 周回访人数之和 ÷ 这些周 W0 人数之和，只算 Wk 已定的周。人多的周权重更大，不是每周留存率的平均值。'],
      ],
      trendsHint: 'W1、W4 留存随周的变化，每个点是一周。一周已经包含每个星期几，所以不画 7 日平均，也没有周末。线在数字待定处结束。点按图表查看当周的数值。',
      chartLabel: (cohort) => `${cohort}：W1、W4 留存趋势`,
      cohortsTitle: '逐周留存',
      cohortsHint: (cohort) => `每行是一周的${cohort}：W0 是当周人数，W1…W4 是其中之后第 k 周回来的比例，颜色越深留存越高。点按格子查看人数。`,
      column: '周',
      emptyLegend: '–：当周没有用户',
      numbersHint: '微信返回的人数：W0 是当周人数，Wk 是第 k 周回访的人数。画斜线的格子待定。',
      formula: '第 k 周留存 = 当周的用户中第 k 周回来的人数 ÷ 当周人数。',
      empty: '当周没有用户',
    },
    month: {
      title: '小程序月留存报告',
      tab: '按月',
      count: (n) => `${n} 个月`,
      widened: '月是自然月：日期扩展为完整的月份，尚未结束的月份不含在内。',
      missing: (n, list) => `有 ${n} 个月没有取到数据，不在表中：${list}。`,
      noPeriods: '这份报告里没有任何一个月。',
      summary: {
        newUsersNote: (n) => `${n} 个月合计`,
        pooledNote: (n) => `${n} 个已定月份的汇总`,
        finalPeriods: '已定月份',
        finalPeriodsNote: '数字不会再变的月份',
      },
      glossary: [
        ['新增留存', '某个自然月首次访问小程序的新用户中，下个月再次访问的人所占的比例（接口中的 visit_uv_new）。'],
        ['活跃留存', '某个月访问过小程序的全部用户（新用户和老用户）中，下个月再次访问的人所占的比例（visit_uv）。'],
        ['M0、M1', 'M0 是当月本身，表格里显示当月的人数；M1 是下一个月。微信只提供 M1。'],
        ['已定', `下个月在北京时间结束后，M1 的数字才不再变化。${ZH_PENDING}`],
        ['汇总留存', '多个月合在一起的留存：各月 M1 回访人数之和 ÷ 这些月 M0 人数之和，只算 M1 已定的月份。人多的月份权重更大，不是每月留存率的平均值。'],
      ],
      trendsHint: 'M1 留存随月份的变化，每个点是一个月。线在数字待定处结束。点按图表查看当月的数值。',
      chartLabel: (cohort) => `${cohort}：M1 留存趋势`,
      cohortsTitle: '逐月留存',
      cohortsHint: (cohort) => `每行是一个月的${cohort}：M0 是当月人数，M1 是其中下个月回来的比例，颜色越深留存越高。点按格子查看人数。`,
      column: '月份',
      emptyLegend: '–：当月没有用户',
      numbersHint: '微信返回的人数：M0 是当月人数，M1 是下个月回访的人数。画斜线的格子待定。',
      formula: '次月留存 = 当月的用户中下个月回来的人数 ÷ 当月人数。',
      empty: '当月没有用户',
    },
  },
};

const EN_PENDING = 'Cells not final yet are hatched, marked "not final yet" and left out of totals.';
const plural = (n: number, noun: string) => `${n} ${n === 1 ? noun : `${noun}s`}`;
const missingEn = (noun: string) => (n: number, list: string) =>
  `${plural(n, noun)} could not be fetched and ${n === 1 ? 'is' : 'are'} not shown: ${list}.`;

const EN: ReportText = {
  htmlLang: 'en',
  defaultTitle: 'Retention',
  generated: (when) => `generated ${when} Beijing time`,
  list: (items) => items.join(', '),
  sentences: (items) => items.join(' '),
  source: {
    wechat: (apis) => `Source: WeChat ${apis.length > 1 ? `${apis.slice(0, -1).join(', ')} and ${apis.at(-1)} APIs` : `${apis[0]} API`}`,
    emulator: 'Source: the embedded WeChat emulator (sample data)',
  },
  sampleBanner: {
    title: 'Sample data',
    body: 'These numbers come from the embedded WeChat emulator, not from a real mini program. Generate the report again with a real AppID and AppSecret to see real data.',
  },
  nav: { label: 'Contents', views: 'Views', summary: 'Summary', glossary: 'Glossary', trends: 'Trends', numbers: 'All numbers' },
  cohorts: {
    new: { title: 'New users', retention: 'New-user retention' },
    active: { title: 'Active users', retention: 'Active-user retention' },
  },
  summary: { newUsers: 'New users', retention: (key) => `${key} new-user retention`, badNote: 'above 100 % or invalid: bad data' },
  glossaryTitle: 'Glossary',
  trends: {
    title: 'Retention over time',
    daily: 'Daily',
    average: '7-day average',
    weekend: 'Weekend',
    flagged: 'Above 100 % or invalid (drawn at the top, outside the scale)',
  },
  heatmap: {
    swipe: 'Swipe the table sideways for more columns.',
    scale: 'Retention',
    pending: 'Not final yet',
    weekend: 'Weekend dates',
    missing: 'n/a: no number from WeChat',
    flagged: 'Above 100 % or invalid: bad data, not coloured',
    missingText: 'n/a',
    invalidText: 'bad',
  },
  numbersTitle: 'All numbers',
  fileNote: 'One HTML file: it works offline and connects to nothing.',
  tooltip: {
    cell: '{rate} ({n} of {size} users)',
    size: '{size} users',
    pending: 'Not final yet: complete from {date}',
    missing: 'WeChat returned no number',
    over: '{n} of {size} users, above 100 %: bad data',
    invalid: 'Invalid number: bad data',
    average: '7-day avg',
  },
  weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  monthTick: (year, month, withYear) => `${EN_MONTHS[month - 1]}${withYear ? ` ${year}` : ''}`,
  dayTick: (month, day) => `${EN_MONTHS[month - 1]} ${day}`,
  views: {
    day: {
      title: 'Daily retention',
      tab: 'By day',
      count: (n) => plural(n, 'day'),
      widened: '',
      missing: missingEn('day'),
      noPeriods: 'There are no days in this report.',
      summary: {
        newUsersNote: (n) => `total over ${plural(n, 'day')}`,
        pooledNote: (n) => `pooled over ${n} final ${n === 1 ? 'day' : 'days'}`,
        finalPeriods: 'Final days',
        finalPeriodsNote: 'days whose numbers will not change',
      },
      glossary: [
        ['New-user retention', 'Of the users who opened the mini program for the first time on a day, the share who came back k days later (visit_uv_new in the API).'],
        ['Active-user retention', 'Of all users who opened it on a day, new or returning, the share who came back k days later (visit_uv).'],
        ['D0, D1, D7, D30', 'D0 is the day itself; the tables show its users. Dk is k days later. WeChat reports D1–D7, D14 and D30.'],
        ['Final', `Dk stops changing once day k has ended in Beijing time. ${EN_PENDING}`],
        ['Pooled rate', 'Retention over many days: users coming back on day k, summed, ÷ users on day 0, summed, over the days whose Dk is final. Busy days weigh more; it is not the average of daily rates.'],
      ],
      trendsHint:
        'Day-1, day-7 and day-30 retention by date. Thin lines are daily values, thick lines the 7-day average (pooled over the last 7 days), grey bands weekends. Lines end where the numbers are not final yet. Tap or hover over a chart for a day’s values.',
      chartLabel: (cohort) => `${cohort}: day-1, day-7 and day-30 retention over time`,
      cohortsTitle: 'Cohorts by day',
      cohortsHint: (cohort) =>
        `Each row is a day’s ${cohort.toLowerCase()}: D0 is how many there were, D1…D30 the share who came back k days later. Darker means more came back. Tap or hover over a cell for its counts.`,
      column: 'Date',
      emptyLegend: '–: no users that day',
      numbersHint: 'Users as WeChat reports them: D0 on the day, Dk coming back k days later. Hatched cells are not final yet.',
      formula: 'Day-k retention = users of a day who came back on day k ÷ users of that day.',
      empty: 'No users that day',
    },
    week: {
      title: 'Weekly retention',
      tab: 'By week',
      count: (n) => plural(n, 'week'),
      widened: 'Weeks run Monday to Sunday: the dates are widened to whole weeks, and a week not over yet is left out.',
      missing: missingEn('week'),
      noPeriods: 'There are no weeks in this report.',
      summary: {
        newUsersNote: (n) => `total over ${plural(n, 'week')}`,
        pooledNote: (n) => `pooled over ${n} final ${n === 1 ? 'week' : 'weeks'}`,
        finalPeriods: 'Final weeks',
        finalPeriodsNote: 'weeks whose numbers will not change',
      },
      glossary: [
        ['New-user retention', 'Of the users who opened the mini program for the first time in a week (Monday to Sunday), the share who came back k weeks later (visit_uv_new in the API).'],
        ['Active-user retention', 'Of all users who opened it in a week, new or returning, the share who came back k weeks later (visit_uv).'],
        ['W0, W1, W4', 'W0 is the week itself; the tables show its users. Wk is k weeks later. WeChat reports W1–W4.'],
        ['Final', `Wk stops changing once week k has ended (Sunday midnight, Beijing time). ${EN_PENDING}`],
        ['Pooled rate', 'Retention over many weeks: users coming back in week k, summed, ÷ users in week 0, summed, over the weeks whose Wk is final. Busy weeks weigh more; it is not the average of weekly rates.'],
      ],
      trendsHint:
        'Week-1 and week-4 retention by week, one point per week. A week already holds every weekday, so there is no 7-day average and no weekend band. Lines end where the numbers are not final yet. Tap or hover over a chart for a week’s values.',
      chartLabel: (cohort) => `${cohort}: week-1 and week-4 retention over time`,
      cohortsTitle: 'Cohorts by week',
      cohortsHint: (cohort) =>
        `Each row is a week’s ${cohort.toLowerCase()}: W0 is how many there were, W1…W4 the share who came back k weeks later. Darker means more came back. Tap or hover over a cell for its counts.`,
      column: 'Week',
      emptyLegend: '–: no users that week',
      numbersHint: 'Users as WeChat reports them: W0 in the week, Wk coming back k weeks later. Hatched cells are not final yet.',
      formula: 'Week-k retention = users of a week who came back in week k ÷ users of that week.',
      empty: 'No users that week',
    },
    month: {
      title: 'Monthly retention',
      tab: 'By month',
      count: (n) => plural(n, 'month'),
      widened: 'Months are calendar months: the dates are widened to whole months, and a month not over yet is left out.',
      missing: missingEn('month'),
      noPeriods: 'There are no months in this report.',
      summary: {
        newUsersNote: (n) => `total over ${plural(n, 'month')}`,
        pooledNote: (n) => `pooled over ${n} final ${n === 1 ? 'month' : 'months'}`,
        finalPeriods: 'Final months',
        finalPeriodsNote: 'months whose numbers will not change',
      },
      glossary: [
        ['New-user retention', 'Of the users who opened the mini program for the first time in a calendar month, the share who came back the month after (visit_uv_new in the API).'],
        ['Active-user retention', 'Of all users who opened it in a month, new or returning, the share who came back the month after (visit_uv).'],
        ['M0, M1', 'M0 is the month itself; the tables show its users. M1 is the month after. WeChat reports M1 only.'],
        ['Final', `M1 stops changing once the month after has ended in Beijing time. ${EN_PENDING}`],
        ['Pooled rate', 'Retention over many months: users coming back the month after, summed, ÷ users in month 0, summed, over the months whose M1 is final. Busy months weigh more; it is not the average of monthly rates.'],
      ],
      trendsHint: 'Month-1 retention by month, one point per month. Lines end where the numbers are not final yet. Tap or hover over a chart for a month’s values.',
      chartLabel: (cohort) => `${cohort}: month-1 retention over time`,
      cohortsTitle: 'Cohorts by month',
      cohortsHint: (cohort) =>
        `Each row is a month’s ${cohort.toLowerCase()}: M0 is how many there were, M1 the share who came back the month after. Darker means more came back. Tap or hover over a cell for its counts.`,
      column: 'Month',
      emptyLegend: '–: no users that month',
      numbersHint: 'Users as WeChat reports them: M0 in the month, M1 coming back the month after. Hatched cells are not final yet.',
      formula: 'Month-1 retention = users of a month who came back the month after ÷ users of that month.',
      empty: 'No users that month',
    },
  },
};

export const REPORT_TEXT: Record<ReportLang, ReportText> = { zh: ZH, en: EN };
