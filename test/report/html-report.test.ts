import { createHash } from 'node:crypto';
import { addDays } from '../../src/beijing-date';
import type { DailyRetainData } from '../../src/daily-retain/response';
import { ConfigError, ValidationError } from '../../src/errors';
import { renderReport } from '../../src/report/html-report';
import { NOW, retainDays } from '../helpers/retain-days';

/** `day` with `value` at `key` of one cohort. */
function withValue(day: DailyRetainData, cohort: 'visitUvNew' | 'visitUv', key: number, value: number): DailyRetainData {
  return { ...day, [cohort]: day[cohort].map((entry) => (entry.key === key ? { ...entry, value } : entry)) };
}

const bytes = (html: string) => Buffer.byteLength(html);

describe('renderReport', () => {
  it('escapes the title wherever it appears', () => {
    const html = renderReport(retainDays(3), { now: NOW, title: '<b>A & B</b>' });
    expect(html).toContain('<title>&#60;b&#62;A &#38; B&#60;/b&#62;</title>');
    expect(html).toContain('<h1>&#60;b&#62;A &#38; B&#60;/b&#62;</h1>');
    expect(html).not.toContain('<b>');
  });

  it('is in Chinese by default and in English with lang: en, naming the range and when it was generated', () => {
    const zh = renderReport(retainDays(90), { now: NOW });
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('<title>小程序日留存报告</title>');
    expect(zh).toContain('2024-03-17 – 2024-06-14 · 90 天');
    expect(zh).toContain('生成于 2024-06-15 12:00（北京时间）');
    const en = renderReport(retainDays(90), { now: NOW, lang: 'en' });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('2024-03-17 – 2024-06-14 · 90 days');
    expect(en).toContain('generated 2024-06-15 12:00 Beijing time');
  });

  it('refers to nothing outside the file, and lets only its own inline script run', () => {
    const html = renderReport(retainDays(40), { now: NOW });
    expect(html).not.toMatch(/https?:|\/\/[a-z]|<link|<img|<iframe|\bsrc=|@import|url\(/i);
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map(([, attributes]) => attributes)).toEqual([' type="application/json" id="report-data"', '']);
    const hash = createHash('sha256')
      .update(scripts[1]?.[2] ?? '')
      .digest('base64');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'">`);
  });

  it('escapes the AppID, which no script or element can escape from', () => {
    const html = renderReport(retainDays(3), { now: NOW, appid: '</script><script>alert(1)</script>' });
    expect(html).toContain('<span>AppID &#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;</span>');
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('renders an empty range as a page that says there is nothing to show', () => {
    const html = renderReport([], { now: NOW, lang: 'en' });
    expect(html).toContain('There are no days in this report.');
    expect(html).not.toContain('<table');
    expect(html).not.toContain('<script');
  });

  it('weighs under 250 KB for 90 days and under 1 MB for 366', () => {
    for (const source of ['wechat', 'emulator'] as const) {
      expect(bytes(renderReport(retainDays(90), { now: NOW, source, appid: 'wx0123456789abcdef' }))).toBeLessThan(250 * 1024);
      expect(bytes(renderReport(retainDays(366), { now: NOW, source, lang: 'en' }))).toBeLessThan(1024 * 1024);
    }
  });

  it('costs the same whatever the values: absurd counts are flagged, never scaled into colours or axes', () => {
    const days = retainDays(366);
    const normal = bytes(renderReport(days, { now: NOW }));
    const absurd = days.map((day, i) => {
      if (i % 3 === 0) return withValue(day, 'visitUvNew', 1, 1e15);
      if (i % 3 === 1) return withValue(day, 'visitUv', 0, 1e308);
      return withValue(day, 'visitUv', 7, -4);
    });
    const html = renderReport(absurd, { now: NOW });
    expect(bytes(html)).toBeLessThan(normal * 1.2);
    expect(html).toContain('<td class="over" data-n="1,000,000,000,000,000">&gt;100%</td>');
    expect(html).toMatch(/<td class="bad">无效<\/td>/);
    const yLabels = [...html.matchAll(/<span style="top:[\d.]+%">(\d+)%<\/span>/g)].map((match) => Number(match[1]));
    expect(Math.max(...yLabels)).toBeLessThanOrEqual(100);
    expect(html).toMatch(/<div class="stat" data-key="1" data-flag="bad">.*&gt;100%/);
  });

  it('costs O(days), not O(calendar): two days eight thousand years apart', () => {
    const [first, second] = retainDays(2);
    const far = [
      { ...(first as DailyRetainData), refDate: '10000101' },
      { ...(second as DailyRetainData), refDate: addDays('99991231', 0) },
    ];
    const html = renderReport(far, { now: NOW });
    expect(bytes(html)).toBeLessThan(40 * 1024);
    expect(html).toContain('1000-01-01 – 9999-12-31 · 2 天');
  });

  it('refuses options and days it cannot show, saying what was wrong', () => {
    const days = retainDays(2);
    const refuse = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error;
      }
      throw new Error('expected renderReport to throw');
    };
    const lang = refuse(() => renderReport(days, { now: NOW, lang: 'fr' as 'en' }));
    expect(lang).toBeInstanceOf(ConfigError);
    expect((lang as Error).message).toBe('renderReport: lang must be zh or en (got "fr")');
    expect(refuse(() => renderReport(days, { now: Number.NaN }))).toBeInstanceOf(ConfigError);
    // Beyond the dates a Date can hold in Beijing time: a clear error, not a bare RangeError.
    const far = refuse(() => renderReport(days, { now: 1e16 }));
    expect(far).toBeInstanceOf(ConfigError);
    expect((far as Error).message).toBe('renderReport: now must be a time in epoch milliseconds, such as Date.now() (got 10000000000000000)');
    expect(refuse(() => renderReport(days, { now: 8.64e15 }))).toBeInstanceOf(ConfigError);
    expect(() => renderReport(days, { now: 8.64e15 - 8 * 3_600_000 })).not.toThrow();
    expect(refuse(() => renderReport(days, { now: NOW, source: 'cloud' as 'wechat' }))).toBeInstanceOf(ConfigError);
    const bad = refuse(() => renderReport([{ ...(days[0] as DailyRetainData), refDate: '2024-06-01' }], { now: NOW }));
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as Error).message).toBe('renderReport: day 0 has refDate "2024-06-01": expected a yyyymmdd calendar date');
    const twice = refuse(() => renderReport([days[0] as DailyRetainData, days[0] as DailyRetainData], { now: NOW }));
    expect((twice as Error).message).toBe('renderReport: 20240613 appears twice: pass each day once');
  });
});
