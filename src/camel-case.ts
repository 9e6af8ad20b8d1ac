/**
 * Converts snake_case keys to camelCase recursively, with wx-server-sdk's own rule (`/_[a-z]/`,
 * `convertCase` in wx-server-sdk 4.0.2), so that fields WeChat adds later come out exactly as
 * `cloud.openapi` would name them.
 */
export function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (value === null || typeof value !== 'object') return value;
  // fromEntries defines own properties, so a key such as "__proto__" stays plain data.
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [camelCaseKey(key), camelCaseKeys(item)]),
  );
}

function camelCaseKey(key: string): string {
  return key.replace(/_[a-z]/g, (match) => match.charAt(1).toUpperCase());
}
