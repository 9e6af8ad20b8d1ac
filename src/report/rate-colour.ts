/** Light to dark blue; dark means many users came back. */
const STOPS: [number, number, number][] = [
  [239, 246, 255],
  [191, 219, 254],
  [96, 165, 250],
  [37, 99, 235],
  [30, 58, 138],
];

/**
 * Where `rate` sits on the scale, 0–1. Square root, because retention falls steeply after
 * day 0: on a linear scale day 7 and day 30 would both be nearly white next to day 0's 100 %.
 */
export function rateShade(rate: number): number {
  return Math.sqrt(Math.min(1, Math.max(0, rate)));
}

/** The background colour of a heatmap cell for `rate`, and a text colour that reads on it. */
export function rateColour(rate: number): { background: string; text: string } {
  const shade = rateShade(rate);
  const at = shade * (STOPS.length - 1);
  const low = Math.min(Math.floor(at), STOPS.length - 2);
  const from = STOPS[low] as [number, number, number];
  const to = STOPS[low + 1] as [number, number, number];
  const mix = from.map((channel, i) => Math.round(channel + ((to[i] as number) - channel) * (at - low)));
  return { background: `rgb(${mix.join(' ')})`, text: shade > 0.6 ? '#fff' : '#0f172a' };
}

/** The CSS gradient of the whole scale, for the legend. */
export function scaleGradient(): string {
  return `linear-gradient(to right, ${STOPS.map((stop) => `rgb(${stop.join(' ')})`).join(', ')})`;
}
