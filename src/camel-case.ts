/**
 * Converts snake_case keys to camelCase recursively, exactly as wx-server-sdk 4.0.2 does
 * (`convertCase` in its utils.ts, run over every answer), so that any field comes out as
 * `cloud.openapi` would name it: only `_` followed by a lowercase letter is replaced, so
 * `ab__c` → `ab_C`, `_x` → `X`, `x_`, `a1_b2` → `a1B2`, `Visit_UV` stays.
 *
 * When two keys end up with the same name, wx-server-sdk's loop (it renames keys in place
 * while iterating) makes a renamed key win over one that was already camelCase (`a_b` over
 * `aB`, in either order), and the later of two renamed keys wins (`a_bC` over an earlier
 * `a_b_c`). Listing the unchanged keys first and the renamed ones after gives the same.
 */
export function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (value === null || typeof value !== 'object') return value;
  const unchanged: Array<[string, unknown]> = [];
  const renamed: Array<[string, unknown]> = [];
  for (const [key, item] of Object.entries(value)) {
    const camel = camelCaseKey(key);
    (camel === key ? unchanged : renamed).push([camel, camelCaseKeys(item)]);
  }
  // fromEntries defines own properties: no key can reach a prototype.
  return Object.fromEntries([...unchanged, ...renamed]);
}

function camelCaseKey(key: string): string {
  return key.replace(/_[a-z]/g, (match) => match.charAt(1).toUpperCase());
}
