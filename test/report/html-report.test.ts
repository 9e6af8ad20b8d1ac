import { renderReport } from '../../src/report/html-report';
import { NOW, retainDays } from '../helpers/retain-days';

describe('renderReport', () => {
  it('escapes the title wherever it appears', () => {
    const html = renderReport(retainDays(3), { now: NOW, title: '<b>A & B</b>' });
    expect(html).toContain('<title>&#60;b&#62;A &#38; B&#60;/b&#62;</title>');
    expect(html).toContain('<h1>&#60;b&#62;A &#38; B&#60;/b&#62;</h1>');
    expect(html).not.toContain('<b>');
  });

  it('names the range, its length and when it was generated, in Beijing time', () => {
    const html = renderReport(retainDays(90), { now: NOW });
    expect(html).toContain('<title>Daily retention</title>');
    expect(html).toContain('2024-03-17 – 2024-06-14 · 90 days · generated 2024-06-15 12:00 Beijing time');
  });

  it('refers to nothing outside the file', () => {
    const html = renderReport(retainDays(40), { now: NOW });
    expect(html).not.toMatch(/https?:|\/\/[a-z]|<script|<link|@import|url\(/i);
  });

  it('renders an empty range as a page that says there is nothing to show', () => {
    const html = renderReport([], { now: NOW });
    expect(html).toContain('There are no days in this report.');
    expect(html).not.toContain('<table');
  });
});
