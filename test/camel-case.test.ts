import { camelCaseKeys } from '../src/camel-case';

// camelCase as wx-server-sdk names keys, copying only what changes (it runs on every answer).

describe('camelCaseKeys', () => {
  it('returns an answer in which no key changes as it is, at every depth (no copies)', () => {
    const entries = [{ key: 0, value: 1 }, { key: 1, value: 2 }];
    const answer = { refDate: '20170313', visitUvNew: entries, visitUv: [] };
    expect(camelCaseKeys(answer)).toBe(answer);
    expect(camelCaseKeys(entries)).toBe(entries);
  });

  it('copies only the path to what changes, and never modifies its input', () => {
    const kept = [{ key: 0, value: 1 }];
    const answer = { ref_date: '20170313', visitUvNew: kept, list: [{ a: 1 }, { b_c: 2 }, { d: 3 }] };
    const frozen = JSON.stringify(answer);
    const result = camelCaseKeys(answer) as { refDate: string; visitUvNew: unknown; list: unknown[] };
    expect(result).toEqual({ refDate: '20170313', visitUvNew: kept, list: [{ a: 1 }, { bC: 2 }, { d: 3 }] });
    expect(Object.keys(result)).toEqual(['visitUvNew', 'list', 'refDate']);
    expect(result.visitUvNew).toBe(kept);
    expect(result.list[0]).toBe(answer.list[0]);
    expect(result.list[2]).toBe(answer.list[2]);
    expect(result.list).toHaveLength(3);
    expect(JSON.stringify(answer)).toBe(frozen);
  });

  it('copies an object whose keys stay when a value deep inside changes, keeping every key once', () => {
    const answer = { a: 1, b: { c_d: 2 }, e: 3 };
    const result = camelCaseKeys(answer) as Record<string, unknown>;
    expect(result).not.toBe(answer);
    expect(result).toEqual({ a: 1, b: { cD: 2 }, e: 3 });
    expect(Object.keys(result)).toEqual(['a', 'b', 'e']);
  });

  it('makes a plain object of one that is not (a null prototype), as the SDK copies every object', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    const result = camelCaseKeys(bare);
    expect(result).not.toBe(bare);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(result).toEqual({ a: 1 });
  });

  it('renames a "__proto__" key to _Proto__, as the SDK does, so no key can reach the prototype', () => {
    const answer = JSON.parse('{"__proto__":{"polluted":true},"x_y":1}') as object;
    const result = camelCaseKeys(answer) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(result).toEqual({ _Proto__: { polluted: true }, xY: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
