// Bars in SVG, one per item, each carrying its value in `data-value` and explained in words in
// the list beside it (what the bar is, and how its amount was computed).

export interface Bar {
  key: string;
  value: bigint;
  /** The sentence for this bar. */
  label: string;
  kind?: 'in' | 'out';
}

const W = 600;
const H = 160;
const PAD = 20;

/** Each bar's x, width and height for values from 0 to the largest. */
export function barLayout(bars: readonly Bar[]): Array<{ x: number; width: number; height: number }> {
  const max = bars.reduce((m, b) => (b.value > m ? b.value : m), 0n);
  const slot = bars.length > 0 ? (W - 2 * PAD) / bars.length : 0;
  return bars.map((b, i) => ({
    x: PAD + i * slot + slot * 0.15,
    width: slot * 0.7,
    height: max > 0n ? (Number((b.value * 10_000n) / max) / 10_000) * (H - 2 * PAD) : 0,
  }));
}

export function BarChart({ title, bars, testId, top }: { title: string; bars: readonly Bar[]; testId: string; top: string }) {
  const layout = barLayout(bars);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} data-testid={testId}>
        <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} stroke="#999" />
        <text x={PAD} y={PAD - 6} fontSize={12} fill="#444">
          {top}
        </text>
        {bars.map((b, i) => {
          const l = layout[i] ?? { x: 0, width: 0, height: 0 };
          return (
            <rect key={b.key} x={l.x} y={H - PAD - l.height} width={l.width} height={l.height} fill={b.kind === 'out' ? '#8a5a00' : '#0b4fb3'} data-value={b.value.toString()} data-kind={b.kind ?? 'in'}>
              <title>{b.label}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
      <ol className="chart-points">
        {bars.map((b) => (
          <li key={b.key}>{b.label}</li>
        ))}
      </ol>
    </figure>
  );
}
