import { scaleGradient } from './rate-colour';

/** Hatching marks "not final yet" without relying on colour alone. */
const HATCH = 'repeating-linear-gradient(135deg, #f1f5f9 0 3px, #d5dde8 3px 6px)';

/** All of the report's CSS: inline, so the file opens offline. */
export const REPORT_STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f8fafc;color:#0f172a;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif}
main{max-width:1320px;margin:0 auto;padding:32px 24px 48px}
header h1{margin:0;font-size:26px;font-weight:650;letter-spacing:-.01em}
header p{margin:4px 0 0;color:#64748b}
h2{margin:0 0 4px;font-size:17px;font-weight:600}
.hint{margin:0 0 14px;color:#64748b;font-size:13px}
section{margin-top:28px}
.grid{display:grid;gap:20px;grid-template-columns:repeat(auto-fit,minmax(min(100%,560px),1fr))}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:18px 20px;box-shadow:0 1px 2px rgb(15 23 42 / .04)}
.scroll{overflow-x:auto}
.stats{display:grid;gap:16px;margin-top:24px;grid-template-columns:repeat(auto-fit,minmax(170px,1fr))}
.stat{background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:14px 16px}
.stat-label{color:#64748b;font-size:13px}
.stat-value{font-size:28px;font-weight:650;font-variant-numeric:tabular-nums;margin:2px 0}
.stat-note{color:#94a3b8;font-size:12px}
.legend{display:flex;flex-wrap:wrap;gap:8px 20px;align-items:center;margin:0 0 12px;color:#475569;font-size:12px}
.legend-item{display:inline-flex;align-items:center;gap:6px}
.swatch{display:inline-block;width:18px;height:12px;border-radius:3px;border:1px solid #e2e8f0}
.swatch.pending{background:${HATCH}}
.swatch.line{height:3px;border:0;border-radius:2px}
.scale{display:inline-grid;gap:2px}
.scale-bar{width:180px;height:10px;border-radius:3px;background:${scaleGradient()}}
.scale-ticks{position:relative;width:180px;height:14px;font-size:10px;color:#64748b}
.scale-ticks span{position:absolute;transform:translateX(-50%)}
.scale-ticks span:first-child{transform:none}
.scale-ticks span:last-child{transform:translateX(-100%)}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:12px}
th{font-weight:600;color:#475569;white-space:nowrap}
.heatmap{width:100%;min-width:540px;table-layout:fixed}
.heatmap thead th{padding:0 2px 6px;font-size:11px;text-align:center}
.heatmap thead th:first-child{width:84px;text-align:left}
.heatmap thead th:nth-child(2){width:56px;text-align:right;padding-right:8px}
.heatmap tbody th{text-align:left;font-weight:500;color:#334155;padding-right:6px}
.heatmap td{height:22px;font-size:11px;text-align:center;border:1px solid #fff;white-space:nowrap;overflow:hidden}
.heatmap td.size{text-align:right;padding-right:8px;color:#475569}
.heatmap td.pending{background:${HATCH}}
.heatmap td.missing,.heatmap td.empty{background:#f8fafc;color:#94a3b8}
.heatmap td.cell:hover{outline:2px solid #0f172a;outline-offset:-2px}
.chart{display:block;width:100%;height:auto}
.chart .grid{stroke:#e2e8f0;stroke-width:1}
.chart .baseline,.chart .tick-mark{stroke:#94a3b8;stroke-width:1}
.chart .tick{fill:#64748b;font-size:11px}
.chart circle{stroke:#fff;stroke-width:1}
.chart circle:hover{r:5}
.numbers{min-width:100%}
.numbers th,.numbers td{padding:3px 6px;text-align:right;border-bottom:1px solid #f1f5f9}
.numbers thead th{border-bottom:1px solid #e2e8f0;text-align:right}
.numbers thead tr:first-child th{text-align:center;color:#0f172a}
.numbers tbody th{text-align:left;font-weight:500;color:#334155}
.numbers .group-start{border-left:1px solid #e2e8f0}
.numbers td.pending{background:${HATCH};color:#94a3b8}
.numbers td.missing{color:#94a3b8}
.numbers tbody tr:hover{background:#f8fafc}
footer{margin-top:32px;color:#94a3b8;font-size:12px}
@media (max-width:600px){main{padding:20px 12px 32px}.card{padding:14px 12px}}
`;
