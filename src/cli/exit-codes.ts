/**
 * The exit codes of `daily-retain`, one meaning each, so that a script can tell "WeChat said
 * no" from "I typed it wrong" from "this machine's files are in the way". `--help` lists them
 * from here, and a test checks that the docs list every one.
 */
export const EXIT = {
  /** Done: every day, week or month asked for is printed or written. */
  ok: 0,
  /** WeChat, the network or the emulator failed: periods are missing (stderr lists them and why). */
  failed: 1,
  /** A bad command, flag, date or environment variable; nothing was fetched. */
  usage: 2,
  /** A local file or folder could not be used (--out, the cache folder); the message names it. */
  local: 3,
} as const;

export const EXIT_CODES_HELP = `Exit codes:
  ${EXIT.ok}  done
  ${EXIT.failed}  WeChat or the network failed: some days, weeks or months are missing (listed on stderr)
  ${EXIT.usage}  usage: a bad command, flag, date or environment variable; nothing was fetched
  ${EXIT.local}  a local file or folder could not be used (--out, the cache folder); the message names it
A closed stdout (daily-retain range … | head -1) ends the command quietly with 0.`;
