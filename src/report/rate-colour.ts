/**
 * The heatmap's colour scale.
 *
 * - Scale: square root of the rate over 0–60 %, saturating above. Real retention lives in
 *   0–40 % (D7 and D30 mostly under 15 %): the square root gives that band 82 % of the ramp
 *   (5 % → 0.29, 10 % → 0.41, 20 % → 0.58, 40 % → 0.82), where a linear 0–100 % scale gave it
 *   40 % and left 5–35 % looking alike. A fixed scale, not quantiles, so a colour means the
 *   same rate in every report and in both heatmaps: a quantile scale would paint the best
 *   D30 cells like the best D1 cells and move its breaks with every range.
 * - Ramp: lightness falls linearly in OKLab (perceptually uniform: equal steps on the scale
 *   look like equal steps) from a pale cream to a deep blue, the hue turning through teal so
 *   that neighbouring steps differ in hue as well, as in viridis or ColorBrewer's YlGnBu.
 *   Dark means many users came back. https://bottosson.github.io/posts/oklab/
 * - Steps: SHADES discrete colours, as CSS classes, so a cell costs a class name.
 */
export const SCALE_TOP = 0.6;
export const SHADES = 32;

/** Where `rate` (0–1, already checked) sits on the ramp, 0–1. */
export function rateShade(rate: number): number {
  return Math.sqrt(Math.min(SCALE_TOP, Math.max(0, rate)) / SCALE_TOP);
}

/** The step of `rate`: 0 … SHADES - 1. */
export function shadeStep(rate: number): number {
  return Math.min(SHADES - 1, Math.floor(rateShade(rate) * SHADES));
}

/** OKLCH along the ramp, t in 0–1. */
function rampLch(t: number): [number, number, number] {
  // Chroma stays inside sRGB all along (cyan at mid lightness allows the least, about 0.09).
  return [0.975 - 0.61 * t, 0.04 + 0.05 * t, 100 + 165 * t];
}

/** The colour of step `step`, with the text colour of more contrast on it (about 4.2:1 at worst). */
export function stepColour(step: number): { background: string; text: string } {
  const t = (step + 0.5) / SHADES;
  const [lightness] = rampLch(t);
  return { background: oklchToHex(...rampLch(t)), text: lightness < 0.58 ? '#fff' : '#0f172a' };
}

/** The CSS for the step classes `.s0` … `.s31`. */
export function shadeClasses(selector: string): string {
  return Array.from({ length: SHADES }, (_, step) => {
    const { background, text } = stepColour(step);
    return `${selector}.s${step}{background:${background}${text === '#fff' ? ';color:#fff' : ''}}`;
  }).join('\n');
}

/** The legend's bar: every step, in order, as hard stops. */
export function scaleGradient(): string {
  const stops = Array.from({ length: SHADES }, (_, step) => {
    const from = ((step / SHADES) * 100).toFixed(2);
    const to = (((step + 1) / SHADES) * 100).toFixed(2);
    return `${stepColour(step).background} ${from}% ${to}%`;
  });
  return `linear-gradient(to right,${stops.join(',')})`;
}

/** OKLCH → sRGB hex, clipped to the gamut (Ottosson's reference matrices). */
function oklchToHex(lightness: number, chroma: number, hueDegrees: number): string {
  const hue = (hueDegrees * Math.PI) / 180;
  const a = chroma * Math.cos(hue);
  const b = chroma * Math.sin(hue);
  const l = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (lightness - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const linear = [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
  const encode = (x: number) => {
    const clipped = Math.min(1, Math.max(0, x));
    const srgb = clipped <= 0.0031308 ? 12.92 * clipped : 1.055 * clipped ** (1 / 2.4) - 0.055;
    return Math.round(srgb * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${linear.map(encode).join('')}`;
}
