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
