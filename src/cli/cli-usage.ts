/** Help texts: one per command, shown by `--help` and after a usage error. */
export const USAGE = {
  main: `Usage: daily-retain <command> [options]

Daily retention (日留存) of a WeChat mini program, from the getDailyRetain API.

Commands:
  get      one day, as JSON
  range    several days, as JSON, CSV or a table
  report   an HTML report: cohort heatmaps, retention over time, the numbers

Credentials come from WECHAT_APPID and WECHAT_APPSECRET (and WECHAT_API_BASE);
without WECHAT_APPSECRET it runs against the embedded WeChat emulator.
Run 'daily-retain <command> --help' for a command's options.
Exit codes: 0 ok, 1 API or network failure, 2 usage error.`,
  get: `Usage: daily-retain get [--date yyyymmdd]

Prints one day in the cloud.openapi shape, as JSON.
  --date yyyymmdd   the day (yyyy-mm-dd works too); default: yesterday, Beijing time`,
  range: `Usage: daily-retain range --from yyyymmdd --to yyyymmdd [--format json|csv|table]

Prints every day from --from to --to (at most 366 days).
  --format json     an array of days in the cloud.openapi shape (default)
  --format csv      one row per day: users, retained users and rates at days 1–7, 14, 30
  --format table    the same, aligned for a terminal
  --concurrency N   days fetched at once (default 8)
Final days (30 days old) are cached in the user cache folder and never fetched twice.`,
  report: `Usage: daily-retain report --from yyyymmdd --to yyyymmdd --out report.html [--lang zh|en] [--title name]

Writes one self-contained HTML file (opens offline in any browser, on a phone too): summary
cards, day-1/7/30 retention over time with 7-day averages, cohort heatmaps for new and
active users, and every number. The header names the AppID, the range and the source;
emulator data is marked as sample data.
  --lang zh|en      the report's language (default zh, 中文)
  --title name      the report's title, for example the mini program's name
  --concurrency N   days fetched at once (default 8)`,
} as const;

export type Command = Exclude<keyof typeof USAGE, 'main'>;
