/// <reference types="node" />
// What the global setup hands to the journeys (written to a file: the setup runs in another
// process than the tests).
import { resolve } from 'node:path';

export interface NodeState {
  /** The node's WebSocket URL. */
  url: string;
  /** The manifest the plan wrote (and the app was built with). */
  manifest: string;
  /** Where `vite preview` serves the app. */
  appUrl: string;
  planSeconds: number;
  seedSeconds: number;
}

export const STATE_FILE = resolve(import.meta.dirname, '..', 'test-results-node', 'state.json');
export const METRICS_FILE = resolve(import.meta.dirname, '..', 'test-results-node', 'metrics.json');
