/** The start of every PEM block: no private key (or any PEM) may reach a result or a log line. */
export const PEM_MARKER = '-----BEGIN';

/**
 * Everything a value shows to whoever reads it: its JSON, its string form and, for errors,
 * the message, stack, enumerable properties and the whole `cause` chain. Cycles, BigInt and
 * odd objects are handled; this never throws.
 */
export function visibleText(value: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  const visit = (item: unknown, depth: number): void => {
    if (depth > 8 || seen.has(item)) return;
    if (item !== null && typeof item === 'object') seen.add(item);
    try {
      parts.push(String(item));
    } catch {
      // An object without a string form (a null prototype): its JSON below still shows.
    }
    try {
      parts.push(JSON.stringify(item, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? '');
    } catch {
      // Cyclic: the fields below still show.
    }
    if (item instanceof Error) {
      parts.push(item.message, item.stack ?? '');
      visit(item.cause, depth + 1);
    }
    if (item !== null && typeof item === 'object') {
      for (const field of Object.values(item)) visit(field, depth + 1);
    }
  };
  visit(value, 0);
  return parts.join('\n');
}

/**
 * Where any of `secrets` (or PEM material) shows in `values`. A hit names the value by its
 * position and shows the text around the secret with the secret itself masked, so that a
 * failing test does not print what it protects.
 */
export function findSecrets(values: readonly unknown[], secrets: readonly string[]): string[] {
  const needles = [...secrets.filter((s) => s.length > 0), PEM_MARKER];
  const hits: string[] = [];
  values.forEach((value, at) => {
    const text = visibleText(value);
    needles.forEach((needle, which) => {
      const index = text.indexOf(needle);
      if (index < 0) return;
      const label = needle === PEM_MARKER ? 'PEM material' : `secret #${which}`;
      let around = text.slice(Math.max(0, index - 60), index + needle.length + 60);
      for (const other of needles) around = around.split(other).join(`[${label}]`);
      hits.push(`${label} in value #${at}: …${around}…`);
    });
  });
  return hits;
}
