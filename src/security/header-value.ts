/** Response or request headers as Node gives them (lower-case names) or as a plain record. */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * One header's value, whatever the case of its name. A header sent twice with different
 * values counts as missing: a signature check must not guess which copy was signed.
 */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (typeof value === 'string') return value;
    return value.length === 1 ? value[0] : undefined;
  }
  return undefined;
}
