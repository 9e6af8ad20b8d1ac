import { redact, safeText, shorten } from '../src/redact';

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
