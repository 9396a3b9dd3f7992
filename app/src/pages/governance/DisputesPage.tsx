// The disputes: every dispute, open and final (lazy-loaded with the dispute page).
import { useCallback, useEffect, useState } from 'react';
import { useContractEvents } from '../../components/ChainContext';
import type { DisputeView } from '../../contracts/governance';
import { phaseText } from '../../lib/disputes';
import { href } from '../../lib/router';
import { shortAddress } from '../../lib/wallet';
import { useGovernance } from './useGovernance';

export default function DisputesPage() {
  const governance = useGovernance();
  const [disputes, setDisputes] = useState<DisputeView[] | undefined>(undefined);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    if (!governance) return;
    let alive = true;
    void governance.disputes(50).then((d) => alive && setDisputes(d));
    return () => {
      alive = false;
    };
  }, [governance, reload]);
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  useContractEvents(governance ? [governance.address] : [], refresh);
  return (
    <section aria-labelledby="disputes-heading">
      <h1 id="disputes-heading">Disputes</h1>
      <p>Members judge accusations against members by a secret vote (commit, then reveal); the ruling executes on chain.</p>
      {!governance && <p role="status">Connecting to governance…</p>}
      {disputes && disputes.length === 0 && <p>No dispute yet.</p>}
      {disputes && disputes.length > 0 && governance && (
        <table>
          <thead>
            <tr>
              <th scope="col">Dispute</th>
              <th scope="col">Accused</th>
              <th scope="col">Kind</th>
              <th scope="col">Where it stands</th>
            </tr>
          </thead>
          <tbody>
            {disputes.map((v) => (
              <tr key={v.id.toString()} data-testid={`dispute-row-${v.id}`}>
                <td>
                  <a href={href({ page: 'dispute', id: v.id })}>#{v.id.toString()}</a>
                </td>
                <td>{shortAddress(governance.addr(v.dispute.accused))}</td>
                <td>{v.dispute.kind}</td>
                <td>{phaseText(v.phase, v.ruling, v.dispute.executed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
