// A timeline of steps (a dispute's, a proposal's): each window with its end in wall time and,
// for the current one, a countdown; the first step with when it happened.
import { countdown } from '../lib/offering';
import type { TimelineStep } from '../lib/timeline';
import { formatDate } from '../pages/format';


export function Timeline({ steps, now, testId }: { steps: readonly TimelineStep[]; now: number; testId: string }) {
  return (
    <ol className="timeline" data-testid={testId}>
      {steps.map((s, i) => (
        <li key={s.key} data-state={s.state} aria-current={s.state === 'now' ? 'step' : undefined}>
          <strong>{s.label}</strong>
          {s.at !== undefined && (
            <>
              {' '}
              {i === 0 ? formatDate(s.at) : `until ${formatDate(s.at)}${s.state === 'now' ? ` (${countdown(s.at, now)})` : ''}`}
            </>
          )}
          {s.state === 'done' ? ' ✓' : s.state === 'skipped' ? ' (not reached)' : ''}
        </li>
      ))}
    </ol>
  );
}
