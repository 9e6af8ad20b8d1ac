/**
 * `make()` on the first call, the same value on every later one: for what only some calls
 * need (a schema, the SDK), so that loading a function does not pay for it and a warm call
 * does not pay for it twice.
 */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
