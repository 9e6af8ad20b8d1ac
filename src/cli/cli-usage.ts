import { EXIT_CODES_HELP } from './exit-codes';

const ENVIRONMENT = `Where it calls:
  WeChat, with WECHAT_APPID and WECHAT_APPSECRET set (and WECHAT_API_BASE for a proxy or an
  emulator elsewhere; the WECHAT_API_* variables turn on API security), read with the cloud
  function's own rules. With none of WECHAT_APPID, WECHAT_APPSECRET and WECHAT_API_BASE set,
  the embedded WeChat emulator: sample data, said on stderr.`;

const WHERE = "WeChat or the embedded emulator: see 'daily-retain --help'.";

const CACHE = `Final days (30 days old) are cached in RETAIN_CACHE_DIR, by default the user cache folder
(~/.cache/wechat-daily-retain on Linux), and never fetched twice.`;

/** Help texts: one per command, shown by `--help` and after a usage error. */
export const USAGE = {
  main: `Usage: daily-retain <command> [options]
       daily-retain --version

Daily retention (日留存) of a WeChat mini program, from the getDailyRetain API.

Commands:
  get      one day, as JSON
  range    several days, as JSON, CSV or a table
  report   an HTML report: cohort heatmaps, retention over time, the numbers

Run 'daily-retain <command> --help' for a command's options.

${ENVIRONMENT}

${EXIT_CODES_HELP}`,
  get: `Usage: daily-retain get [--date yyyymmdd]

Prints one day in the cloud.openapi shape, as JSON:
  { refDate, visitUvNew, visitUv, errMsg, errCode }
  --date yyyymmdd   the day (yyyy-mm-dd works too); default: yesterday, Beijing time

${WHERE}

${EXIT_CODES_HELP}`,
  range: `Usage: daily-retain range --from yyyymmdd --to yyyymmdd [--format json|csv|table]

Prints every day from --from to --to, oldest first (at most 366 days).
  --format json     an array of days in the cloud.openapi shape, each with "final" (WeChat
                    will not change the day again) and "pendingKeys" (the keys still to
                    come); the default
  --format csv      one row per day: users, then retained users and rates at days 1–7, 14
                    and 30; a cell still to come says "pending", a cell without data is empty
  --format table    rates aligned for a terminal (… still to come, - no data)
  --concurrency N   days fetched at once, 1 to 64 (default 8)
On failure nothing is printed on stdout; stderr says which days are missing and why.

${CACHE}

${WHERE}

${EXIT_CODES_HELP}`,
  report: `Usage: daily-retain report --from yyyymmdd --to yyyymmdd --out report.html [--lang zh|en] [--title name]

Writes one self-contained HTML file (opens offline in any browser, on a phone too): summary
cards, day-1/7/30 retention over time with 7-day averages, cohort heatmaps for new and
active users, and every number. The header names the AppID, the range and the source;
emulator data is marked as sample data.
  --out file        the HTML file to write (its folder must exist)
  --lang zh|en      the report's language (default zh, 中文)
  --title name      the report's title, for example the mini program's name
  --concurrency N   days fetched at once, 1 to 64 (default 8)

${CACHE}

${WHERE}

${EXIT_CODES_HELP}`,
} as const;

export type Command = Exclude<keyof typeof USAGE, 'main'>;
