// The retention curve on a canvas 2D context (`<canvas type="2d">`, the same API as the
// web's CanvasRenderingContext2D). Sizes are CSS pixels: the caller scales for the device.
const COLOURS = { new: '#2563eb', active: '#f59e0b' };
const INK = '#64748b';
const GRID = '#e2e8f0';
const PAD = { left: 40, right: 14, top: 20, bottom: 26 };
/** Room between the y labels and the first point, so a rate written there stays clear of them. */
const INSET = 18;

/** The top of the y axis and its step: the smallest of 10 %, 20 %, … that holds every point. */
function axisOf(values) {
  const highest = Math.max(0.05, ...values);
  const step = highest <= 0.2 ? 0.05 : highest <= 0.5 ? 0.1 : 0.2;
  return { top: Math.min(1, Math.ceil(highest / step) * step) || step, step };
}

/**
 * Draws `chart` ({labels, series: [{id, points: (rate|null)[]}]}) into a `width`×`height` box:
 * y gridlines in %, one line per series (broken where a rate is null), dots, and the
 * new-user rates written above their dots.
 */
function drawRetentionChart(ctx, width, height, chart) {
  const values = [];
  for (const line of chart.series) for (const point of line.points) if (point !== null) values.push(Math.min(1, point));
  const { top, step } = axisOf(values);
  const plotWidth = width - PAD.left - PAD.right - 2 * INSET;
  const plotHeight = height - PAD.top - PAD.bottom;
  const count = chart.labels.length;
  const x = (i) => PAD.left + INSET + (count === 1 ? plotWidth / 2 : (i * plotWidth) / (count - 1));
  const y = (rate) => PAD.top + plotHeight * (1 - Math.min(1, rate) / top);

  ctx.clearRect(0, 0, width, height);
  ctx.font = '11px sans-serif';
  ctx.lineWidth = 1;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  for (let tick = 0; tick <= top + 1e-9; tick += step) {
    ctx.strokeStyle = GRID;
    ctx.beginPath();
    ctx.moveTo(PAD.left, y(tick));
    ctx.lineTo(width - PAD.right, y(tick));
    ctx.stroke();
    ctx.fillStyle = INK;
    ctx.fillText(`${Math.round(tick * 100)}%`, PAD.left - 6, y(tick));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  chart.labels.forEach((label, i) => {
    ctx.fillText(label, x(i), height - PAD.bottom + 8);
  });

  // New users last, so their line and rates sit on top.
  for (const line of chart.series.slice().reverse()) {
    ctx.strokeStyle = COLOURS[line.id];
    ctx.fillStyle = COLOURS[line.id];
    ctx.lineWidth = 2;
    ctx.beginPath();
    let drawing = false;
    line.points.forEach((rate, i) => {
      if (rate === null) {
        drawing = false;
      } else if (drawing) {
        ctx.lineTo(x(i), y(rate));
      } else {
        ctx.moveTo(x(i), y(rate));
        drawing = true;
      }
    });
    ctx.stroke();
    line.points.forEach((rate, i) => {
      if (rate === null) return;
      ctx.beginPath();
      ctx.arc(x(i), y(rate), 3, 0, 2 * Math.PI);
      ctx.fill();
      if (line.id === 'new') {
        ctx.font = '10px sans-serif';
        ctx.textBaseline = 'bottom';
        ctx.fillText(`${(rate * 100).toFixed(1)}%`, x(i), y(rate) - 5);
      }
    });
  }
}

module.exports = { axisOf, COLOURS, drawRetentionChart };
