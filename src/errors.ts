/**
 * The error family. Every failure inside the library is a `RetainError` with a numeric
 * `errCode`: WeChat's own errcode when WeChat said no (passed through unchanged), or one of
 * the codes below for failures of our own. Messages never contain secrets (see redact.ts).
 */

/**
 * Codes for our own failures. WeChat's errcodes are positive (or -1), so ours live in a
 * negative range that neither WeChat nor wx-server-sdk (-50xxxx, -60xxxx) uses.
 * The README's error table lists each with what to do about it.
 */
export const ErrorCode = {
  /** A date is malformed or not a calendar date (WeChat's own code for this). */
  DATE_FORMAT: 61500,
  /** A date is out of range: not one day, or later than yesterday (WeChat's own code). */
  DATE_RANGE: 61501,
  /** Configuration is missing or invalid (environment variables or library options). */
  CONFIG: -90001,
  /** The caller is a mini-program user who is not in RETAIN_ALLOWED_OPENIDS. */
  FORBIDDEN: -90002,
  /** The call did not finish within its time limit. */
  TIMEOUT: -90003,
  /** The connection failed (reset, refused, DNS) on every attempt. */
  NETWORK: -90004,
  /** WeChat (or a gateway in front of it) answered with an HTTP error status. */
  HTTP_STATUS: -90005,
  /** The answer was not the JSON we expected (HTML page, broken JSON, wrong shape). */
  BAD_RESPONSE: -90006,
  /** The event is not an object, or has a key that looks like a misspelt date (`begindate`, `date`). */
  INVALID_EVENT: -90007,
  /** A bug: something failed that should not. Please report it. */
  INTERNAL: -90099,
} as const;

/** Base class: a failure with an `errCode`, a message that says what to do, and a `cause`. */
export class RetainError extends Error {
  override name = 'RetainError';
  constructor(
    readonly errCode: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Bad input: an event, a query or an option that we reject before any network call. */
export class ValidationError extends RetainError {
  override name = 'ValidationError';
}

/** Missing or invalid configuration. */
export class ConfigError extends RetainError {
  override name = 'ConfigError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.CONFIG, message, options);
  }
}

/**
 * WeChat answered `{errcode, errmsg}` with a non-zero errcode. The message starts with
 * WeChat's errmsg verbatim, as wx-server-sdk's `apiFailMsg` puts it right after `:fail `;
 * everything we add (the hint, where it came from, the attempts) follows in parentheses.
 */
export class WeChatApiError extends RetainError {
  override name = 'WeChatApiError';
  private readonly notes: string[];
  constructor(
    readonly errcode: number,
    /** WeChat's errmsg; empty when it sent none. */
    readonly errmsg: string,
    readonly path: string,
    hint?: string,
  ) {
    super(errcode, '');
    // wx-server-sdk would say ":fail undefined" here; we say what happened instead.
    this.notes = [...(errmsg ? [] : ['WeChat sent no errmsg']), ...(hint ? [hint] : []), `errcode ${errcode} from ${path}`];
    this.message = this.compose();
  }

  /** Adds what we learnt later (the attempts made) after everything else. */
  addNote(note: string): void {
    this.notes.push(note);
    this.message = this.compose();
  }

  private compose(): string {
    const notes = `(${this.notes.join('; ')})`;
    return this.errmsg ? `${this.errmsg} ${notes}` : notes;
  }
}

/** A failed exchange below the WeChat protocol: status, body or connection. */
export class TransportError extends RetainError {
  override name = 'TransportError';
  constructor(
    errCode: number,
    message: string,
    /** Whether another attempt may succeed (a gateway page, a reset, a timeout). */
    readonly transient: boolean,
    options?: { cause?: unknown },
  ) {
    super(errCode, message, options);
  }
}

/** The overall time budget of the call ran out. */
export class DeadlineError extends RetainError {
  override name = 'DeadlineError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.TIMEOUT, message, options);
  }
}

/**
 * What callers of the public API see, shaped like wx-server-sdk's `CloudSDKError`:
 * `errCode` and `errMsg` are the only enumerable own properties, so `return err` in a cloud
 * function yields `{errCode, errMsg}` exactly as `cloud.openapi` would.
 */
export class OpenApiError extends Error {
  declare readonly errCode: number;
  declare readonly errMsg: string;
  constructor(errCode: number, errMsg: string, options?: { cause?: unknown }) {
    super(`errCode: ${errCode} | errMsg: ${errMsg}`, options);
    Object.defineProperty(this, 'name', { value: 'OpenApiError', enumerable: false });
    Object.defineProperty(this, 'errCode', { value: errCode, enumerable: true });
    Object.defineProperty(this, 'errMsg', { value: errMsg, enumerable: true });
  }
}

/** An errMsg without its `openapi.analysis.getDailyRetain:fail ` (or any `<api>:fail `) prefix: the reason alone. */
export function reasonOf(errMsg: string): string {
  return errMsg.replace(/^[\w.]+:fail /, '');
}

/** Tells an `OpenApiError` by shape as well as by class (it may cross bundle boundaries). */
export function isOpenApiError(error: unknown): error is OpenApiError {
  return (
    error instanceof Error &&
    typeof (error as Partial<OpenApiError>).errCode === 'number' &&
    typeof (error as Partial<OpenApiError>).errMsg === 'string'
  );
}
