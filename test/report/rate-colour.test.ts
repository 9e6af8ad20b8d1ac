import { SCALE_TOP, SHADES, shadeStep, stepColour } from '../../src/report/rate-colour';

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('the heatmap colour scale', () => {
  it('gives each 5-point step of the 0–40 % band a colour of its own, on most of the ramp', () => {
    const steps = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4].map(shadeStep);
    for (let i = 1; i < steps.length; i += 1) expect(steps[i]).toBeGreaterThan(steps[i - 1] ?? Number.POSITIVE_INFINITY);
    expect(steps.at(-1)).toBeGreaterThanOrEqual(0.8 * SHADES - 1);
  });

  it('saturates at the top of the scale rather than stretching to 100 %', () => {
    expect(SCALE_TOP).toBe(0.6);
    expect([shadeStep(0.6), shadeStep(0.9), shadeStep(1)]).toEqual([SHADES - 1, SHADES - 1, SHADES - 1]);
  });

  it('gets darker step by step, with text that keeps at least 4:1 contrast on every step', () => {
    const colours = Array.from({ length: SHADES }, (_, step) => stepColour(step));
    const backgrounds = colours.map(({ background }) => luminance(background));
    for (let i = 1; i < SHADES; i += 1) expect(backgrounds[i]).toBeLessThan(backgrounds[i - 1] ?? 0);
    for (const { background, text } of colours) {
      const [light, dark] = [luminance(background), luminance(text === '#fff' ? '#ffffff' : text)].sort((a, b) => b - a);
      expect(((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05)).toBeGreaterThanOrEqual(4);
    }
  });
});
