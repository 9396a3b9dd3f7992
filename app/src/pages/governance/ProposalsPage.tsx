// The proposals: every proposal with its call and where it stands (lazy-loaded).
import { useCallback, useEffect, useState } from 'react';
import { useChain, useContractEvents } from '../../components/ChainContext';
import type { ProposalView } from '../../contracts/governance';
import { proposalStateText, tallyText } from '../../lib/proposals';
import { href } from '../../lib/router';
import { shortAddress } from '../../lib/wallet';
import { NETWORK } from '../../network';
import { describeCall, type DescribedCall } from './proposalCall';
import { useGovernance } from './useGovernance';

export default function ProposalsPage() {
  const chain = useChain();
  const governance = useGovernance();
  const [rows, setRows] = useState<Array<ProposalView & { described: DescribedCall | undefined }> | undefined>(undefined);
  const [reload, setReload] = useState(0);
  const ss58 = chain.status === 'connected' ? chain.chain.ss58Prefix : 42;
  useEffect(() => {
    if (!governance || !NETWORK.ok) return;
    const addresses = { governance: governance.address, registry: NETWORK.registry };
    let alive = true;
    void governance
      .proposals(50)
      .then((views) => Promise.all(views.map(async (v) => ({ ...v, described: await describeCall(v, addresses, ss58) }))))
      .then((r) => alive && setRows(r));
    return () => {
      alive = false;
    };
  }, [governance, reload, ss58]);
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  useContractEvents(governance ? [governance.address] : [], refresh);
  return (
    <section aria-labelledby="proposals-heading">
      <h1 id="proposals-heading">Proposals</h1>
      <p>
        Members change the protocol's parameters, code and treasury by proposals: a vote, a timelock in which a minority may veto, then execution by anyone.{' '}
        <a href={href({ page: 'new-proposal' })}>Make a proposal</a>
      </p>
      {!governance && <p role="status">Connecting to governance…</p>}
      {rows && rows.length === 0 && <p>No proposal yet.</p>}
      {rows && rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Proposal</th>
              <th scope="col">Call</th>
              <th scope="col">Proposer</th>
              <th scope="col">Where it stands</th>
              <th scope="col">Votes</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((v) => (
              <tr key={v.id.toString()} data-testid={`proposal-row-${v.id}`}>
                <td>
                  <a href={href({ page: 'proposal', id: v.id })}>#{v.id.toString()}</a>
                </td>
                <td>{v.described?.call.title ?? 'A call the app cannot read'}</td>
                <td>{shortAddress(v.proposal.proposer.address(ss58))}</td>
                <td>{proposalStateText(v.state)}</td>
                <td>{tallyText(v.proposal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
