// A step of a timeline (a dispute's, a proposal's), as the pages draw it (components/Timeline).

export interface TimelineStep {
  key: string;
  label: string;
  /** When the step happened (the first step) or when its window ends (ms). */
  at?: bigint;
  /** `skipped`: a step the process ended before reaching. */
  state: 'done' | 'now' | 'later' | 'skipped';
}
