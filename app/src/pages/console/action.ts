import type { Write } from '../../contracts/client';
import type { Action } from '../token/loaded';

/** A `Write` signed by `caller`, described for the confirm step. */
export function writeAction(write: Write, caller: string, title: string, summary: string): Action {
  return { title, summary, dryRun: () => write.dryRun(caller) as never, tx: (gas) => write.tx(gas) };
}
