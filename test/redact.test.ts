import { holdsSecret, redact, redactValues, safeCause, safeText, shorten } from '../src/redact';

describe('redact', () => {
  it('removes credentials from URLs up to the next &, whatever characters they hold', () => {
    expect(redact('POST https://api.weixin.qq.com/x?access_token=ab.c-d*e%2F&x=1 failed')).toBe(
      'POST https://api.weixin.qq.com/x?access_token=[REDACTED]&x=1 failed',
    );
    expect(redact('/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=s3cr3t')).toBe(
      '/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=[REDACTED]',
    );
    expect(redact('?authorizer_access_token=t&component_access_token=u')).toBe(
      '?authorizer_access_token=[REDACTED]&component_access_token=[REDACTED]',
    );
  });

  it('removes known secret values wherever they appear', () => {
    expect(redact('secret is 0123456789abcdef, again 0123456789abcdef', ['0123456789abcdef'])).toBe(
      'secret is [REDACTED], again [REDACTED]',
    );
  });

  it('leaves short values alone so that ordinary words survive', () => {
    expect(redact('a b c', ['a'])).toBe('a b c');
  });

  it('shortens text between words, so that a secret is never split where redaction could not find it', () => {
    expect(shorten('short', 10)).toBe('short');
    expect(shorten('errmsg token=abcdefghijklmnop rid', 20)).toBe('errmsg token=…');
    expect(shorten('one two three', 7)).toBe('one two…');
    expect(shorten('x'.repeat(50), 10)).toBe('…');
  });

  it('replaces C0 and C1 control characters and DEL, and keeps everything else', () => {
    expect(safeText('a\x1b]0;title\x07b\x1b[2Jc\u009bd\x7fe\n\tf 日留存 🎉')).toBe('a\ufffd]0;title\ufffdb\ufffd[2Jc\ufffdd\ufffde\ufffd\ufffdf 日留存 🎉');
  });
});

const TOKEN = '84_live-access.token/0123456789';

describe('redact, at the edges', () => {
  it('finds credential parameters whatever their case, and only as parameters', () => {
    expect(redact('/x?ACCESS_TOKEN=abc&Secret=def')).toBe('/x?ACCESS_TOKEN=[REDACTED]&Secret=[REDACTED]');
    // A parameter that merely ends like one is not a credential.
    expect(redact('/x?my_access_token=abc&notsecret=def')).toBe('/x?my_access_token=abc&notsecret=def');
  });

  it('cuts a credential parameter at a fragment, whitespace or a quote, keeping what follows', () => {
    expect(redact('/x?access_token=abc#frag')).toBe('/x?access_token=[REDACTED]#frag');
    expect(redact('"/x?access_token=abc" and more')).toBe('"/x?access_token=[REDACTED]" and more');
    expect(redact("'/x?secret=abc' ok")).toBe("'/x?secret=[REDACTED]' ok");
    expect(redact('/x?secret=abc\tnext')).toBe('/x?secret=[REDACTED]\tnext');
  });

  it('redacts secret values from 8 characters up', () => {
    expect(redact('12345678 1234567', ['12345678', '1234567'])).toBe('[REDACTED] 1234567');
  });
});

describe('shorten, at the edges', () => {
  it('keeps text of exactly the limit whole, and cuts at a break that falls right on the limit', () => {
    expect(shorten('exactly10!', 10)).toBe('exactly10!');
    expect(shorten('abc def ghi', 7)).toBe('abc def…');
    expect(shorten('abc def ghi', 8)).toBe('abc def …');
  });
});

describe('holdsSecret', () => {
  it('finds a secret in any string at any depth, keys included', () => {
    expect(holdsSecret({ a: [{ b: `x${TOKEN}y` }] }, [TOKEN])).toBe(true);
    expect(holdsSecret({ nested: { [`k-${TOKEN}`]: 1 } }, [TOKEN])).toBe(true);
    expect(holdsSecret([1, null, true, [[TOKEN]]], [TOKEN])).toBe(true);
  });

  it('finds none where there is none, or where the only secrets are too short to look for', () => {
    expect(holdsSecret({ a: [{ b: 'plain' }], n: 5, z: null }, [TOKEN])).toBe(false);
    expect(holdsSecret({ a: 'short' }, ['short'])).toBe(false);
    expect(holdsSecret({ a: TOKEN }, [])).toBe(false);
    expect(holdsSecret({ a: TOKEN }, ['short', TOKEN])).toBe(true);
  });
});

describe('redactValues', () => {
  it('hands back the very same value when it holds no secret', () => {
    const day = { refDate: '20170313', visitUv: [{ key: 0, value: 1 }] };
    expect(redactValues(day, [TOKEN])).toBe(day);
  });

  it('cuts secrets out of strings and keys at every depth, leaving everything else as it was', () => {
    const answer = { refDate: '20170313', echo: `token ${TOKEN} seen`, list: [{ [`key-${TOKEN}`]: 7 }, [TOKEN, 3]], n: 1, f: false, z: null };
    expect(redactValues(answer, [TOKEN])).toEqual({
      refDate: '20170313',
      echo: 'token [REDACTED] seen',
      list: [{ 'key-[REDACTED]': 7 }, ['[REDACTED]', 3]],
      n: 1,
      f: false,
      z: null,
    });
    expect(Array.isArray(redactValues([TOKEN], [TOKEN]))).toBe(true);
  });

  it('keeps a "__proto__" key as plain data', () => {
    const hostile = JSON.parse(`{"__proto__":{"polluted":"${TOKEN}"}}`) as Record<string, unknown>;
    const safe = redactValues(hostile, [TOKEN]) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(safe, '__proto__')?.value).toEqual({ polluted: '[REDACTED]' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('safeCause', () => {
  it('is undefined for no cause', () => {
    expect(safeCause(undefined, [TOKEN])).toBeUndefined();
  });

  it('copies an error chain with its names, numeric errCodes, messages and stacks made safe, and nothing else', () => {
    const inner = Object.assign(new Error(`inner ${TOKEN}\x1b[2J`), { errCode: -90006, errmsg: TOKEN, name: 'WeChatApiError' });
    const outer = Object.assign(new Error('outer ?access_token=abc', { cause: inner }), { errCode: 'not a number' });
    const copy = safeCause(outer, [TOKEN]);
    expect(copy).toBeInstanceOf(Error);
    expect(copy?.message).toBe('outer ?access_token=[REDACTED]');
    expect(copy?.name).toBe('Error');
    expect(Object.keys(copy as object)).toEqual([]);
    const innerCopy = copy?.cause as Error & { errCode?: number };
    expect(innerCopy.message).toBe('inner [REDACTED]\ufffd[2J');
    expect(innerCopy.name).toBe('WeChatApiError');
    expect(Object.keys(innerCopy)).toEqual(['errCode']);
    expect(innerCopy.errCode).toBe(-90006);
    expect(innerCopy.stack).toContain('inner [REDACTED]');
    expect(innerCopy.stack).not.toContain(TOKEN);
    expect(innerCopy.stack?.split('\n').length).toBe(inner.stack?.split('\n').length);
    expect(innerCopy.cause).toBeUndefined();
  });

  it('turns a cause that is not an Error into one, made safe', () => {
    expect(safeCause(`thrown text ${TOKEN}`, [TOKEN])?.message).toBe('thrown text [REDACTED]');
    const unprintable = { toString: () => { throw new Error('no'); } };
    expect(safeCause(unprintable, [])?.message).toBe('a value without a text form');
  });

  it('keeps an error without a stack without inventing one', () => {
    const bare = new Error('bare');
    bare.stack = undefined;
    expect(safeCause(bare, [])?.stack).toBe('');
  });

  it('follows at most five links of a cause chain', () => {
    let chain: Error = new Error('link 7');
    for (let link = 6; link >= 1; link--) chain = new Error(`link ${link}`, { cause: chain });
    const messages: string[] = [];
    for (let at: unknown = safeCause(chain, []); at instanceof Error; at = at.cause) messages.push(at.message);
    expect(messages).toEqual(['link 1', 'link 2', 'link 3', 'link 4', 'link 5']);
  });
});
