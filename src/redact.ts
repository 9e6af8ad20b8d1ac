/** Query parameters that carry credentials in WeChat URLs. */
const CREDENTIAL_PARAMS = /([?&](?:access_token|secret|component_access_token|authorizer_access_token)=)[^&#\s"']*/gi;

/** What a secret becomes wherever it is cut out. */
export const REDACTED = '[REDACTED]';

/**
 * Removes credentials from text that may reach a result, an error or a log line: the
 * credential query parameters of any URL, and every known secret value verbatim (matched up
 * to the next `&` rather than `\w+`, since tokens may hold characters outside `\w`).
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(CREDENTIAL_PARAMS, `$1${REDACTED}`);
  for (const secret of secrets) {
    // Short values would redact ordinary words; real secrets and tokens are long.
    if (secret.length >= 8) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Where a secret cannot go on: whitespace, quotes, brackets and the separators of URLs and JSON. */
const WORD_BREAK = /[\s"'`<>()[\]{},;:=&?]/;

/**
 * `text` cut to at most `max` characters, ending with `…` when cut, never in the middle of a
 * word: a secret cut in two would escape redaction (which needs it whole), so a word that
 * runs past `max` is dropped whole.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  if (!WORD_BREAK.test(text.charAt(end))) {
    while (end > 0 && !WORD_BREAK.test(text.charAt(end - 1))) end--;
  }
  return `${text.slice(0, end)}…`;
}

/**
 * C0 and C1 control characters (and DEL). An upstream that sends ESC sequences
 * (`\x1b]0;…\x07` sets a terminal's title, `\x1b[2J` clears it) must not reach a terminal
 * through an errMsg or a log line; WeChat's own errmsgs never hold any.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** Text from upstream made safe to show: secrets redacted, control characters replaced by U+FFFD. */
export function safeText(text: string, secrets: readonly string[] = []): string {
  return redact(text, secrets).replace(CONTROL_CHARACTERS, '\ufffd');
}

/** Whether any string in `value` (keys included, at any depth) holds one of `secrets`. */
export function holdsSecret(value: unknown, secrets: readonly string[]): boolean {
  const long = secrets.filter((secret) => secret.length >= 8);
  if (long.length === 0) return false;
  // A string shorter than every secret holds none: most of an answer ("key", "value") is skipped.
  const shortest = Math.min(...long.map((secret) => secret.length));
  const holds = (text: string) => text.length >= shortest && long.some((secret) => text.includes(secret));
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (holds(item)) return true;
    } else if (item !== null && typeof item === 'object') {
      for (const key of Object.keys(item)) {
        if (holds(key)) return true;
        stack.push((item as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

/**
 * `value` with every known secret cut out of its strings and keys, for data that came from
 * upstream (an answer that echoes the access token in an extra field). Returns `value`
 * itself when it holds no secret.
 */
export function redactValues<T>(value: T, secrets: readonly string[]): T {
  if (!holdsSecret(value, secrets)) return value;
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return redact(item, secrets);
    if (Array.isArray(item)) return item.map(walk);
    if (item === null || typeof item !== 'object') return item;
    // fromEntries defines own properties: no key can reach a prototype.
    return Object.fromEntries(Object.entries(item).map(([key, child]) => [redact(key, secrets), walk(child)]));
  };
  return walk(value) as T;
}

/**
 * A copy of an error's `cause` chain that is safe to carry on a public error: each link an
 * Error with the same name, `errCode` (when it has one), message and stack, all made safe,
 * and nothing else (no fields such as a WeChatApiError's raw `errmsg`, no zod issues with
 * their inputs). `util.inspect` shows causes in full, so an error is only as safe as its
 * cause. Five links at most: ours are one or two deep.
 */
export function safeCause(error: unknown, secrets: readonly string[], depth = 0): Error | undefined {
  if (error === undefined || depth >= 5) return undefined;
  if (!(error instanceof Error)) return new Error(safeText(textOf(error), secrets));
  const cause = safeCause(error.cause, secrets, depth + 1);
  const copy = new Error(safeText(error.message, secrets), cause ? { cause } : undefined);
  Object.defineProperty(copy, 'name', { value: error.name, enumerable: false });
  const { errCode } = error as { errCode?: unknown };
  if (typeof errCode === 'number') Object.defineProperty(copy, 'errCode', { value: errCode, enumerable: true });
  copy.stack = (error.stack ?? '')
    .split('\n')
    .map((line) => safeText(line, secrets))
    .join('\n');
  return copy;
}

function textOf(value: unknown): string {
  try {
    return String(value);
  } catch {
    return 'a value without a text form';
  }
}
