/** Query parameters that carry credentials in WeChat URLs. */
const CREDENTIAL_PARAMS = /([?&](?:access_token|secret|component_access_token|authorizer_access_token)=)[^&#\s"']*/gi;

/**
 * Removes credentials from text that may reach a result, an error or a log line: the
 * credential query parameters of any URL, and every known secret value verbatim (matched up
 * to the next `&` rather than `\w+`, since tokens may hold characters outside `\w`).
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(CREDENTIAL_PARAMS, '$1[REDACTED]');
  for (const secret of secrets) {
    // Short values would redact ordinary words; real secrets and tokens are long.
    if (secret.length >= 8) out = out.split(secret).join('[REDACTED]');
  }
  return out;
}
