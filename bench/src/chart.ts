/**
 * The SVG the docs show: the time-to-identity waterfall (where the time goes) above the API's
 * ratios to their baseline with each target marked. Plain SVG text, no dependency.
 */
import { STEPS, type Step } from './identity.ts';

interface ChartInput {
  steps: Record<Step, number>;
  identityMedianMs: number;
  identityTargetMs: number;
  ratios: { label: string; ratio: number; target?: number }[];
  caption: string;
}

const WIDTH = 820;
const LEFT = 250;
const RIGHT = 100;
const ROW = 24;
const COLORS = [
  '#94a3b8',
  '#64748b',
  '#0ea5e9',
  '#0284c7',
  '#8b5cf6',
  '#f59e0b',
  '#10b981',
  '#059669',
];

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x}" y="${y}" ${attrs}>${escapeXml(content)}</text>`;
}

export function chartSvg(input: ChartInput): string {
  const plot = WIDTH - LEFT - RIGHT;
  const parts: string[] = [];
  let y = 30;
  parts.push(
    text(
      16,
      y,
      'Time to identity: median of each step, ms from opening the host page',
      'class="title"',
    ),
  );
  y += 14;
  const end = Math.max(
    input.identityMedianMs,
    input.identityTargetMs,
    ...Object.values(input.steps),
  );
  const scale = plot / (Math.ceil(end / 100) * 100);
  const axisTop = y;
  let previous = 0;
  STEPS.forEach(([step, label], i) => {
    const at = input.steps[step];
    const from = Math.min(previous, at);
    const rowY = y + 8 + i * ROW;
    parts.push(text(LEFT - 8, rowY + 15, label, 'text-anchor="end"'));
    parts.push(
      `<rect x="${LEFT + from * scale}" y="${rowY + 3}" width="${Math.max(1.5, (at - from) * scale)}" height="${ROW - 8}" rx="2" fill="${COLORS[i % COLORS.length]}"/>`,
    );
    parts.push(
      text(
        LEFT + at * scale + 5,
        rowY + 15,
        `${Math.round(at)} (+${Math.round(at - from)})`,
        'class="value"',
      ),
    );
    previous = Math.max(previous, at);
  });
  const axisBottom = y + 8 + STEPS.length * ROW;
  const target = LEFT + input.identityTargetMs * scale;
  parts.push(
    `<line x1="${target}" y1="${axisTop}" x2="${target}" y2="${axisBottom}" class="target"/>`,
    text(
      target,
      axisBottom + 30,
      `target ${input.identityTargetMs} ms`,
      'text-anchor="middle" class="note"',
    ),
  );
  for (let tick = 0; tick * scale <= plot + 0.5; tick += 100) {
    const x = LEFT + tick * scale;
    parts.push(
      `<line x1="${x}" y1="${axisBottom}" x2="${x}" y2="${axisBottom + 4}" class="axis"/>`,
    );
    parts.push(text(x, axisBottom + 16, String(tick), 'text-anchor="middle" class="note"'));
  }
  y = axisBottom + 64;

  parts.push(
    text(
      16,
      y,
      'API: requests/s as a ratio to /api/health in the same rounds (1 = free)',
      'class="title"',
    ),
  );
  y += 14;
  const ratioMax = Math.max(1.2, ...input.ratios.map((row) => row.ratio));
  const ratioScale = plot / ratioMax;
  input.ratios.forEach((row, i) => {
    const rowY = y + 8 + i * ROW;
    const fill =
      row.target === undefined ? '#64748b' : row.ratio >= row.target ? '#10b981' : '#f97316';
    parts.push(text(LEFT - 8, rowY + 15, row.label, 'text-anchor="end"'));
    parts.push(
      `<rect x="${LEFT}" y="${rowY + 3}" width="${Math.max(1.5, row.ratio * ratioScale)}" height="${ROW - 8}" rx="2" fill="${fill}"/>`,
    );
    parts.push(
      text(
        // Right of the bar and of its target line, so neither crosses the number.
        LEFT + Math.max(row.ratio, row.target ?? 0) * ratioScale + 6,
        rowY + 15,
        `${row.ratio.toFixed(2)}×`,
        'class="value"',
      ),
    );
    if (row.target !== undefined) {
      const x = LEFT + row.target * ratioScale;
      parts.push(`<line x1="${x}" y1="${rowY}" x2="${x}" y2="${rowY + ROW - 2}" class="target"/>`);
    }
  });
  const ratioBottom = y + 8 + input.ratios.length * ROW;
  const one = LEFT + ratioScale;
  parts.push(
    `<line x1="${one}" y1="${y}" x2="${one}" y2="${ratioBottom}" class="axis" stroke-dasharray="2 3"/>`,
    text(one, ratioBottom + 16, '1×', 'text-anchor="middle" class="note"'),
    text(
      LEFT,
      ratioBottom + 34,
      'red line: target · green: met · orange: not met · grey: no target, reported',
      'class="note"',
    ),
  );
  const height = ratioBottom + 64;
  parts.push(text(16, height - 12, input.caption, 'class="note"'));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="13" role="img" aria-labelledby="chart-title">
<title id="chart-title">Time to identity, step by step (median ${Math.round(input.identityMedianMs)} ms), and the API's requests/s as ratios to its baseline</title>
<style>
  .title { font-weight: 600; font-size: 14px; fill: #0f172a; }
  .value { fill: #0f172a; font-variant-numeric: tabular-nums; }
  .note { fill: #475569; font-size: 11px; }
  .axis { stroke: #94a3b8; }
  .target { stroke: #dc2626; stroke-width: 2; }
  text { fill: #1e293b; }
</style>
<rect width="100%" height="100%" fill="#ffffff"/>
${parts.join('\n')}
</svg>
`;
}
