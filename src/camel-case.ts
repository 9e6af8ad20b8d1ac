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
 *
 * Copy on write: a plain object or array in which no key changes, at any depth, is returned
 * as it is, so an answer's twenty `{key, value}` entries cost no copies (this runs on every
 * call); anything that changes is a new object, and `value` itself is never modified.
 */
export function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    let items: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = camelCaseKeys(value[i]);
      if (!items && item !== value[i]) items = value.slice(0, i);
      items?.push(item);
    }
    return items ?? value;
  }
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source);
  const names = keys.map(camelCaseKey);
  // The converted values, once one differs (until then they are source's own).
  let values: unknown[] | undefined;
  for (let i = 0; i < keys.length; i++) {
    const own = source[keys[i] as string];
    const item = camelCaseKeys(own);
    if (!values && item !== own) values = keys.slice(0, i).map((key) => source[key]);
    values?.push(item);
  }
  if (!values && Object.getPrototypeOf(source) === Object.prototype && names.every((name, i) => name === keys[i])) return source;
  const result: Record<string, unknown> = {};
  const valueAt = (i: number) => (values ? values[i] : source[keys[i] as string]);
  // A plain assignment cannot set the prototype: no name is `__proto__`, whose `_p` always
  // becomes `P` (a `__proto__` key comes out as `_Proto__`, as it does from the SDK).
  for (let i = 0; i < keys.length; i++) if (names[i] === keys[i]) result[names[i] as string] = valueAt(i);
  for (let i = 0; i < keys.length; i++) if (names[i] !== keys[i]) result[names[i] as string] = valueAt(i);
  return result;
}

function camelCaseKey(key: string): string {
  return key.includes('_') ? key.replace(/_[a-z]/g, (match) => match.charAt(1).toUpperCase()) : key;
}
