// A line chart in SVG: each point is a <circle> carrying its values in data attributes, so that
// tests (and assistive tools, through the list beside it) read exactly what is drawn.

export interface ChartPoint {
  key: string;
  /** ms since epoch */
  at: bigint;
  value: bigint;
  label: string;
}

const W = 600;
const H = 200;
const PAD = 24;

/** Maps points to SVG coordinates: time on x (evenly spread when all share an instant), value on y from 0. */
export function layout(points: readonly ChartPoint[]): Array<{ x: number; y: number }> {
  if (points.length === 0) return [];
  const t0 = Number(points[0]?.at ?? 0n);
  const t1 = Number(points[points.length - 1]?.at ?? 0n);
  const max = points.reduce((m, p) => (p.value > m ? p.value : m), 0n);
  return points.map((p, i) => {
    const fx = t1 > t0 ? (Number(p.at) - t0) / (t1 - t0) : points.length === 1 ? 0.5 : i / (points.length - 1);
    const fy = max > 0n ? Number((p.value * 10_000n) / max) / 10_000 : 0;
    return { x: PAD + fx * (W - 2 * PAD), y: H - PAD - fy * (H - 2 * PAD) };
  });
}

/** The axes' words: the largest value (top of the scale), the first and the last instant. */
export interface ChartAxis {
  top: string;
  start: string;
  end: string;
}

export function PriceChart({ title, points, testId, axis }: { title: string; points: readonly ChartPoint[]; testId: string; axis: ChartAxis }) {
  const xy = layout(points);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} data-testid={testId}>
        <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} stroke="#999" />
        <line x1={PAD} y1={PAD} x2={W - PAD} y2={PAD} stroke="#ddd" strokeDasharray="4 4" />
        <text x={PAD} y={PAD - 6} fontSize={12} fill="#444">
          {axis.top}
        </text>
        <text x={PAD} y={H - 6} fontSize={12} fill="#444">
          {axis.start}
        </text>
        <text x={W - PAD} y={H - 6} fontSize={12} fill="#444" textAnchor="end">
          {axis.end}
        </text>
        <polyline fill="none" stroke="#0b4fb3" strokeWidth={2} points={xy.map((p) => `${p.x},${p.y}`).join(' ')} />
        {points.map((p, i) => (
          <circle key={p.key} cx={xy[i]?.x} cy={xy[i]?.y} r={4} fill="#0b4fb3" data-value={p.value.toString()} data-at={p.at.toString()}>
            <title>{p.label}</title>
          </circle>
        ))}
      </svg>
      <figcaption>{title}</figcaption>
      <ol className="chart-points">
        {points.map((p) => (
          <li key={p.key}>{p.label}</li>
        ))}
      </ol>
    </figure>
  );
}
