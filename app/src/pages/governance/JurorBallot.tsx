import { useEffect, useId, useState } from 'react';
import { useMoney } from '../../components/ChainContext';
import type { DisputeView, GovernanceApi } from '../../contracts/governance';
import { chainVoteOf, jurorStep } from '../../lib/disputes';
import { exportBallots, findBallot, importBallots, newSalt, saveBallot, voteCommitment, type SavedBallot } from '../../lib/votes';
import type { Action } from '../token/loaded';
import { writeAction } from '../console/action';

const store = () => window.localStorage;

/** The connected member's vote in a dispute: commit (salt made and kept here), reveal, backups. */
export function JurorBallot({ view, governance, who, round, eligible, onAction }: { view: DisputeView; governance: GovernanceApi; who: string; round: number; eligible: boolean; onAction: (a: Action) => void }) {
  const money = useMoney();
  const id = useId();
  const [chainVote, setChainVote] = useState<{ committed: boolean; revealed: boolean } | undefined>(undefined);
  const [choice, setChoice] = useState<boolean | undefined>(undefined);
  const [ballot, setBallot] = useState<SavedBallot | undefined>(() => findBallot(store(), view.id, round, who));
  const [importMessage, setImportMessage] = useState<string | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    setBallot(findBallot(store(), view.id, round, who));
    void governance.voteOf(view.id, round, who).then((v) => alive && setChainVote(chainVoteOf(v)));
    return () => {
      alive = false;
    };
  }, [governance, view, round, who]);
  if (!chainVote) return <p role="status">Reading your vote…</p>;
  const step = jurorStep(view.phase, chainVote, ballot !== undefined);
  const deposit = view.dispute.jurorDeposit;

  const backup = (
    <p className="actions">
      <a
        href={`data:application/json;charset=utf-8,${encodeURIComponent(exportBallots(store()))}`}
        download="personal-tokens-ballots.json"
        data-testid="export-ballots"
      >
        Export a backup of my votes
      </a>{' '}
      <label htmlFor={`${id}-import`}>Restore votes from a backup</label>{' '}
      <input
        id={`${id}-import`}
        type="file"
        accept="application/json"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (!f) return;
          void f.text().then((text) => {
            const r = importBallots(store(), text);
            setImportMessage(r.ok ? `Restored ${r.imported} ${r.imported === 1 ? 'vote' : 'votes'}.` : r.reason);
            setBallot(findBallot(store(), view.id, round, who));
          });
        }}
      />
      {importMessage && <span role="status"> {importMessage}</span>}
    </p>
  );

  switch (step.kind) {
    case 'wait':
    case 'missed':
      return (
        <>
          <p>{step.text}</p>
          {chainVote.committed && backup}
        </>
      );
    case 'revealed':
      return <p>Your vote in this round is revealed and counted; your deposit came back.</p>;
    case 'commit':
      if (!eligible) return null;
      return (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (choice === undefined) return;
            const salt = newSalt();
            const saltHex = `0x${[...salt].map((b) => b.toString(16).padStart(2, '0')).join('')}` as const;
            const commitment = voteCommitment(view.id, step.round, who, choice, salt);
            // Kept before signing: a vote committed without its salt on the device cannot be revealed.
            const saved: SavedBallot = { dispute: view.id.toString(), round: step.round, juror: who, vote: choice, salt: saltHex, commitment };
            saveBallot(store(), saved);
            setBallot(saved);
            onAction(
              writeAction(
                governance.commitVote(view.id, commitment, deposit),
                who,
                `Commit your vote on dispute #${view.id}`,
                `Commit a secret vote (${choice ? 'uphold' : 'dismiss'}) with the juror deposit of ${money(deposit)}, which comes back when you reveal in the reveal period. Only the commitment ${commitment} goes on chain; your vote and its salt stay on this device: export a backup before you leave it.`,
              ),
            );
          }}
        >
          <fieldset>
            <legend>Your vote (secret until you reveal it)</legend>
            <p>
              <input id={`${id}-yes`} type="radio" name={`${id}-vote`} checked={choice === true} onChange={() => setChoice(true)} />
              <label htmlFor={`${id}-yes`}>Uphold: the accusation is proven</label>
            </p>
            <p>
              <input id={`${id}-no`} type="radio" name={`${id}-vote`} checked={choice === false} onChange={() => setChoice(false)} />
              <label htmlFor={`${id}-no`}>Dismiss: it is not</label>
            </p>
          </fieldset>
          <button type="submit" disabled={choice === undefined}>
            Review my vote
          </button>
        </form>
      );
    case 'reveal':
      return (
        <>
          <button
            type="button"
            onClick={() =>
              ballot &&
              onAction(
                writeAction(
                  governance.revealVote(view.id, ballot.vote, ballot.salt),
                  who,
                  `Reveal your vote on dispute #${view.id}`,
                  `Reveal your vote (${ballot.vote ? 'uphold' : 'dismiss'}) with the salt kept on this device; it is counted, and your deposit of ${money(deposit)} comes back.`,
                ),
              )
            }
          >
            Reveal my vote
          </button>
          {backup}
        </>
      );
    case 'reveal-missing-salt':
      return (
        <div role="alert" className="error" data-testid="missing-salt">
          <p>
            You committed a vote in this round, but its salt is not on this device: without it the vote cannot be revealed, and the deposit of {money(deposit)} is
            lost when the reveal period ends. Restore it from the backup you exported.
          </p>
          {backup}
        </div>
      );
  }
}
