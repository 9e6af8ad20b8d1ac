import { scaleGradient, shadeClasses } from './rate-colour';

/** Hatching marks "not final yet" without relying on colour alone. */
const HATCH = 'repeating-linear-gradient(135deg,#f1f5f9 0 3px,#d5dde8 3px 6px)';
const FLAG = '#dc2626';

/**
 * All of the report's CSS, inline so the file opens offline. Text is 11 px or more
 * everywhere (HTML text, never scaled SVG text), so charts stay readable at 390 px.
 */
export const REPORT_STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%;scroll-padding-top:52px}
body{margin:0;background:#f8fafc;color:#0f172a;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC","Helvetica Neue",Arial,sans-serif}
.view-body,.top,body>footer{max-width:1320px;margin:0 auto;padding:0 24px}
.top{padding-top:28px}
.top h1{margin:0;font-size:26px;font-weight:650;letter-spacing:-.01em;overflow-wrap:anywhere}
.facts{margin:6px 0 0;color:#475569;display:flex;flex-wrap:wrap;gap:2px 16px}
.facts span{overflow-wrap:anywhere}
.sample-banner{margin-top:14px;background:#fef3c7;border:1px solid #f59e0b;border-radius:10px;padding:10px 14px;color:#78350f}
.sample-banner strong{margin-right:6px}
.toc{position:sticky;top:0;z-index:5;margin-top:16px;background:#f8fafc;border-bottom:1px solid #e2e8f0;display:flex;gap:4px;overflow-x:auto;white-space:nowrap;padding:6px max(16px,calc((100% - 1272px) / 2))}
.toc a{color:#1d4ed8;text-decoration:none;padding:5px 10px;border-radius:999px;font-size:13px}
.toc a:hover{background:#e0e7ff}
.tabs{display:inline-flex;flex:none;gap:2px;margin-right:8px;padding:2px;border-radius:999px;background:#e2e8f0}
.tabs a{color:#334155;padding:3px 12px}
.tabs a[aria-current]{background:#fff;color:#0f172a;font-weight:600;box-shadow:0 1px 2px rgb(15 23 42 / .12)}
.hint.view-note{margin:14px 0 0}
.view-note strong{color:#0f172a;font-weight:600;margin-right:4px}
.view-note .missing{color:#b45309}
h2{margin:0 0 4px;font-size:18px;font-weight:600}
h3,figcaption{margin:0 0 4px;font-size:15px;font-weight:600}
.hint{margin:0 0 12px;color:#64748b;font-size:13px}
section{margin-top:28px}
.grid{display:grid;gap:20px;grid-template-columns:repeat(auto-fit,minmax(min(100%,520px),1fr))}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:16px 20px;box-shadow:0 1px 2px rgb(15 23 42 / .04);min-width:0}
.stats{display:grid;gap:12px;grid-template-columns:repeat(auto-fit,minmax(150px,1fr))}
.stat{background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:12px 16px}
.stat-label{color:#475569;font-size:13px}
.stat-value{font-size:28px;font-weight:650;font-variant-numeric:tabular-nums;margin:2px 0}
.stat-note{color:#64748b;font-size:12px}
.stat[data-flag] .stat-value,.stat[data-flag] .stat-note{color:${FLAG}}
.glossary{margin:8px 0 0;display:grid;gap:8px 28px;grid-template-columns:repeat(auto-fit,minmax(min(100%,380px),1fr))}
.glossary dt{font-weight:600}
.glossary dd{margin:0;color:#475569;font-size:13px}
.legend{display:flex;flex-wrap:wrap;gap:8px 18px;align-items:center;margin:0 0 12px;color:#475569;font-size:12px}
.legend-item{display:inline-flex;align-items:center;gap:6px}
.swatch{display:inline-block;width:18px;height:12px;border-radius:3px;border:1px solid #e2e8f0}
.swatch.pending{background:${HATCH}}
.swatch.over{background:#fff;box-shadow:inset 0 0 0 2px ${FLAG}}
.swatch.line{height:3px;border:0;border-radius:2px;background:#475569}
.swatch.thin{height:1px;opacity:.6}
.swatch.weekend{background:#eef2f7;border-color:#e2e8f0}
.swatch.dot{width:8px;height:8px;border-radius:50%;border:0;background:${FLAG}}
.scale{display:inline-grid;grid-template-columns:auto minmax(0,320px);gap:2px 8px;align-items:center;flex:0 1 380px}
.scale-label{grid-row:1}
.scale-bar{grid-column:2;height:12px;border-radius:3px;background:${scaleGradient()}}
.scale-ticks{grid-column:2;position:relative;height:16px;font-size:11px;color:#475569}
.scale-ticks span{position:absolute;transform:translateX(-50%)}
.scale-ticks span:first-child{transform:none}
.scale-ticks span:last-child{transform:translateX(-100%)}
.chart{margin:0}
.plot{position:relative;height:220px;margin:8px 0 26px 42px}
.plot svg{position:absolute;inset:0;width:100%;height:100%;overflow:visible}
.plot path{vector-effect:non-scaling-stroke;fill:none}
.plot .weekend{fill:#eef2f7;stroke:none}
.plot .grid{stroke:#e2e8f0;stroke-width:1}
.plot .daily{stroke-width:1;stroke-opacity:.45}
.plot.dense .daily{stroke-opacity:.25}
.plot.dense .weekend{fill:#f3f6fa}
.plot .avg,.plot .own{stroke-width:2.25;stroke-linejoin:round}
.plot .dots{stroke-width:7;stroke-linecap:round}
.plot .flag{stroke:${FLAG};stroke-width:8;stroke-linecap:round}
.plot::after{content:"";position:absolute;left:0;right:0;bottom:0;border-bottom:1px solid #94a3b8}
.y-ticks span,.x-ticks span{position:absolute;font-size:11px;line-height:1;color:#475569;white-space:nowrap}
.y-ticks span{right:calc(100% + 6px);transform:translateY(-50%)}
.x-ticks span{top:calc(100% + 7px);transform:translateX(-50%)}
.x-ticks span.start{transform:none}
.x-ticks span.end{transform:translateX(-100%)}
.cursor{position:absolute;top:0;bottom:0;width:0;border-left:1px dashed #0f172a;pointer-events:none}
.cursor[hidden]{display:none}
.table-scroll{overflow:auto;max-height:min(70vh,720px);margin:0 -4px;padding:0 4px}
table{border-collapse:separate;border-spacing:0;font-variant-numeric:tabular-nums;font-size:12px}
th{font-weight:600;color:#475569;white-space:nowrap;background:#fff}
thead th{position:sticky;top:0;z-index:2}
tbody th{position:sticky;left:0;z-index:1;text-align:left;font-weight:500;color:#334155;padding-right:8px}
thead th:first-child{left:0;z-index:3;text-align:left}
.heatmap{width:100%;table-layout:fixed}
.view[data-view="day"] .heatmap{min-width:560px}
.heatmap thead th{padding:2px 2px 6px;text-align:center}
.heatmap thead th:first-child{width:84px}
.heatmap thead th:nth-child(2){width:62px;text-align:right;padding-right:8px}
.heatmap td{height:24px;text-align:center;border:1px solid #fff;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;cursor:default}
.heatmap tbody th.we{background:#eef2f7}
.heatmap .to,.numbers .to{display:block;font-size:11px;line-height:1.2;color:#64748b;font-weight:400}
.heatmap td.n{text-align:right;padding-right:8px;color:#334155;background:#f8fafc}
.heatmap td.p{background:${HATCH}}
.heatmap td.na,.heatmap td.x{background:#f8fafc;color:#64748b}
.heatmap td.over,.heatmap td.bad{background:#fff;color:${FLAG};font-size:11px;font-weight:600;box-shadow:inset 0 0 0 2px ${FLAG}}
.heatmap td.selected,.heatmap td:hover{outline:2px solid #0f172a;outline-offset:-2px}
${shadeClasses('.heatmap td')}
.numbers{min-width:100%}
.numbers th,.numbers td{padding:3px 6px;text-align:right;border-bottom:1px solid #f1f5f9}
.numbers thead th{border-bottom:1px solid #e2e8f0}
.numbers thead tr:first-child th{text-align:center;color:#0f172a}
.numbers thead tr:nth-child(2) th{top:25px}
.numbers .g{border-left:1px solid #e2e8f0}
.numbers td.p{background:${HATCH};color:#64748b}
.numbers td.na{color:#64748b}
#tip{position:fixed;z-index:10;max-width:min(340px,calc(100vw - 16px));background:#0f172a;color:#fff;font-size:13px;line-height:1.45;padding:7px 10px;border-radius:8px;box-shadow:0 4px 14px rgb(15 23 42 / .25);pointer-events:none}
#tip div:first-child{font-weight:600}
#tip i{display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px}
body>footer{margin-top:32px;padding-bottom:40px;color:#64748b;font-size:12px}
.swipe{display:none}
@media (max-width:600px){.swipe{display:inline}.view-body,.top,body>footer{padding-left:12px;padding-right:12px}.card{padding:12px}.plot{height:180px;margin-left:38px}.top h1{font-size:22px}.stat-value{font-size:24px}}
@media print{.toc{display:none}.view[hidden]{display:block}.table-scroll{max-height:none;overflow:visible}}
`;
