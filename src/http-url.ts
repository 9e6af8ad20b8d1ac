/**
 * Whether `value` is an absolute http(s) URL. (URL.canParse would say it in one call, but
 * it arrived in Node 19.9 and the cloud still runs Node 16.)
 */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '';
  } catch {
    return false;
  }
}

/**
 * Whether `value` has a query or a fragment, even an empty one (`http://h/?`). The API's
 * paths are appended to a base URL, so with either they would land in the query or the
 * fragment, and the AppSecret's request would go to the base's own path.
 */
export function hasQueryOrFragment(value: string): boolean {
  return /[?#]/.test(value);
}

/** Why a base URL is refused, for the schemas of the option and of the variable. */
export const QUERY_OR_FRAGMENT = 'must not have a query (?…) or a fragment (#…): the API paths are appended to it';
