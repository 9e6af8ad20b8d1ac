/** Which flag of a command carries each date field of the library's query. */
export interface DateFlags {
  begin: string;
  end: string;
}

/** `get --date`: the one flag is both ends of the day's query. */
export const GET_FLAGS: DateFlags = { begin: '--date', end: '--date' };
/** `range` and `report`. */
export const RANGE_FLAGS: DateFlags = { begin: '--from', end: '--to' };

/**
 * The library's message about a query, in the words of the person who typed the command:
 * it names the query's fields (`endDate "20261201" is later than yesterday`), which the CLI
 * fills from flags (`--date "20261201" is later than yesterday`). Both spellings of a field
 * are mapped, as the library names whichever it was given.
 */
export function inFlagTerms(message: string, flags: DateFlags): string {
  return message.replace(/\b(?:beginDate|begin_date)\b/g, flags.begin).replace(/\b(?:endDate|end_date)\b/g, flags.end);
}
