/**
 * The chart, drawn from the report's targets without any chart library: one horizontal bar per target showing
 * how much of its budget the measured value uses (value/limit for "at most" targets, limit/value for "at least"
 * ones), so that every bar left of the 1.0 line meets its target. Bars past 3.0 are cut and marked.
 */
import type { Report } from './report.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderSvg(r: Report): string {
  const rowH = 26;
  const labelW = 430;
  const plotW = 420;
  const maxX = 3;
  const top = 56;
  const height = top + r.targets.length * rowH + 40;
  const width = labelW + plotW + 150;
  const x = (v: number) => labelW + (Math.min(v, maxX) / maxX) * plotW;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  out.push(`<text x="10" y="20" font-size="15" font-weight="bold">sdkforge vs peers: share of each target's budget used (left of 1.0 = met)</text>`);
  out.push(`<text x="10" y="38" fill="#555">${esc(`${r.mode} run, ${r.machine.date.slice(0, 10)}, Node ${r.machine.node}, ${r.machine.cores} cores; npm run bench`)}</text>`);
  for (let g = 0; g <= maxX; g += 0.5) {
    out.push(`<line x1="${x(g)}" y1="${top - 6}" x2="${x(g)}" y2="${height - 30}" stroke="${g === 1 ? '#333' : '#ddd'}" stroke-width="${g === 1 ? 1.5 : 1}"/>`);
    out.push(`<text x="${x(g)}" y="${height - 14}" text-anchor="middle" fill="#555">${g.toFixed(1)}</text>`);
  }
  r.targets.forEach((t, i) => {
    const y = top + i * rowH;
    const used = t.op === '>=' ? t.limit / t.value : t.value / t.limit;
    const usedSafe = Number.isFinite(used) ? used : maxX;
    out.push(`<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${esc(t.label)}</text>`);
    out.push(`<rect x="${labelW}" y="${y + 4}" width="${Math.max(1, x(usedSafe) - labelW)}" height="${rowH - 9}" fill="${t.met ? '#2e8b57' : '#c0392b'}"/>`);
    if (usedSafe > maxX) out.push(`<text x="${x(maxX) + 2}" y="${y + 15}" fill="#c0392b">»</text>`);
    const value = t.id === 'stream-rss-growth' ? `${t.value.toFixed(1)} MB` : t.id.endsWith('-exponent') ? `exponent ${t.value.toFixed(2)}` : `${t.value.toFixed(2)}×`;
    out.push(`<text x="${x(maxX) + 14}" y="${y + 15}">${esc(`${value} (${t.op} ${t.limit}) ${t.met ? 'met' : 'MISSED'}`)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
