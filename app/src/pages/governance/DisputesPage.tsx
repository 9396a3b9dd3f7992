// The disputes: the open ones, then the final ones (lazy-loaded with the dispute page).
import { useCallback, useEffect, useState } from 'react';
import { useContractEvents } from '../../components/ChainContext';
import type { DisputeView, GovernanceApi } from '../../contracts/governance';
import { byFinality, phaseText } from '../../lib/disputes';
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
        <>
          <h2>Open</h2>
          <DisputeTable disputes={byFinality(disputes).open} governance={governance} none="No open dispute." />
          <h2>Final</h2>
          <DisputeTable disputes={byFinality(disputes).final} governance={governance} none="No final dispute yet." />
        </>
      )}
    </section>
  );
}

function DisputeTable({ disputes, governance, none }: { disputes: DisputeView[]; governance: GovernanceApi; none: string }) {
  if (disputes.length === 0) return <p>{none}</p>;
  return (
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
  );
}
