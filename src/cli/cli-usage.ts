import { PERIODS } from '../period/periods';
import { EXIT_CODES_HELP } from './exit-codes';

// The limits come from the periods themselves, so the help cannot drift from what the range refuses.
const { day, week, month } = PERIODS;

const ENVIRONMENT = `Where it calls:
  WeChat, with WECHAT_APPID and WECHAT_APPSECRET set (and WECHAT_API_BASE for a proxy or an
  emulator elsewhere; the WECHAT_API_* variables turn on API security), read with the cloud
  function's own rules. With none of WECHAT_APPID, WECHAT_APPSECRET and WECHAT_API_BASE set,
  the embedded WeChat emulator: sample data, said on stderr.`;

const WHERE = "WeChat or the embedded emulator: see 'daily-retain --help'.";

const CACHE = `Final days, weeks and months (once day 30, week 4 or month 1 after them has passed) are
cached in RETAIN_CACHE_DIR, by default the user cache folder (~/.cache/wechat-daily-retain on
Linux), and never fetched twice.`;

const WIDENED = `Weeks run Monday to Sunday, months from the first to the last day (Beijing time). For weeks
and months --from and --to may be any dates: they are widened to whole periods, those not
ended by yesterday are left out, and stderr says so:
  weeks 20261102–20261129 (widened from 20261105–20261130; the week under way is left out)`;

/** Help texts: one per command, shown by `--help` and after a usage error. */
export const USAGE = {
  main: `Usage: daily-retain <command> [options]
       daily-retain --version

Retention (留存) of a WeChat mini program by day, week or month, from the getDailyRetain,
getWeeklyRetain and getMonthlyRetain APIs.

Commands:
  get      one day, week or month, as JSON
  range    several days, weeks or months, as JSON, CSV or a table
  report   an HTML report of days, weeks and months: cohort heatmaps, retention over time, the numbers

Run 'daily-retain <command> --help' for a command's options.

${ENVIRONMENT}

${EXIT_CODES_HELP}`,
  get: `Usage: daily-retain get [--date yyyymmdd] [--period day|week|month]

Prints one day, week or month in the cloud.openapi shape, as JSON:
  { refDate, visitUvNew, visitUv, errMsg, errCode }
  --date yyyymmdd   the day (yyyy-mm-dd works too); default: yesterday, Beijing time
  --period day      the default: getDailyRetain, keys 0–7, 14, 30
  --period week     the week (Monday to Sunday) that holds --date: getWeeklyRetain, refDate
                    20261123-20261129, keys 0–4; default: the last week that has ended
  --period month    the month that holds --date: getMonthlyRetain, refDate 202611, keys 0–1;
                    default: the last month that has ended

${WHERE}

${EXIT_CODES_HELP}`,
  range: `Usage: daily-retain range --from yyyymmdd --to yyyymmdd [--period day|week|month] [--format json|csv|table]

Prints every day, week or month from --from to --to, oldest first.
  --period day      the default: every day, at most ${day.max}
  --period week     every whole week, at most ${week.max}
  --period month    every whole month, at most ${month.max}
  --format json     an array of days (weeks, months) in the cloud.openapi shape, each with
                    "final" (WeChat will not change it again) and "pendingKeys" (the keys
                    still to come); the default
  --format csv      one row per day (week, month): users, then retained users and rates at
                    each key (new_d1…new_d30, new_w1…new_w4, new_m1); a cell still to come
                    says "pending", a cell without data is empty
  --format table    rates aligned for a terminal (… still to come, - no data)
  --concurrency N   periods fetched at once, 1 to 64 (default 8)
On failure nothing is printed on stdout; stderr says which periods are missing and why.

${WIDENED}

${CACHE}

${WHERE}

${EXIT_CODES_HELP}`,
  report: `Usage: daily-retain report --from yyyymmdd --to yyyymmdd --out report.html [--period all|day|week|month] [--lang zh|en] [--title name]

Writes one self-contained HTML file (opens offline in any browser, on a phone too): summary
cards, retention over time, cohort heatmaps for new and active users, and every number. The
header names the AppID, the range and the source; emulator data is marked as sample data.
  --out file        the HTML file to write (its folder must exist)
  --period all      the default: the days from --from to --to (at most ${day.max}, up to
                    yesterday), and the weeks and months they fall in, each view behind a
                    tab; a view with no week or month that has ended is left out (stderr
                    says so)
  --period day|week|month
                    that view alone (weeks: at most ${week.max}, months: at most ${month.max})
  --lang zh|en      the report's language (default zh, 中文)
  --title name      the report's title, for example the mini program's name
  --concurrency N   periods fetched at once, 1 to 64 (default 8)

${WIDENED}

${CACHE}

${WHERE}

${EXIT_CODES_HELP}`,
} as const;

export type Command = Exclude<keyof typeof USAGE, 'main'>;
