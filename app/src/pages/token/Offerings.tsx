import { useMoney } from '../../components/ChainContext';
import type { PersonalTokenOffering } from '../../contracts/token';
import { canOfferRefund, canOfferSettle, countdown, offeringProgress, offeringStateText, subscriptionText } from '../../lib/offering';
import { formatDate } from '../format';
import { settleAction } from './actions';
import { tokenUnits, type Action, type Loaded } from './loaded';

interface OfferingsProps {
  loaded: Loaded;
  now: number;
  onAction: (a: Action) => void;
  onSubscribe: (target: { id: bigint; offering: PersonalTokenOffering }) => void;
}

/** Every offering: progress toward the minimum, the deadline's countdown, and what I can do. */
export function Offerings({ loaded, now, onAction, onSubscribe }: OfferingsProps) {
  if (loaded.offerings.length === 0) return <p>No offering yet.</p>;
  return (
    <ul className="offerings">
      {loaded.offerings.map(({ id, offering }) => (
        <Offering key={id.toString()} id={id} offering={offering} loaded={loaded} now={now} onAction={onAction} onSubscribe={onSubscribe} />
      ))}
    </ul>
  );
}

function Offering({ id, offering: o, loaded, now, onAction, onSubscribe }: OfferingsProps & { id: bigint; offering: PersonalTokenOffering }) {
  const money = useMoney();
  const { summary: s, api, mine } = loaded;
  const units = tokenUnits(s);
  const p = offeringProgress(o);
  const sub = mine?.subscriptions.get(id);
  return (
    <li data-testid={`offering-${id.toString()}`}>
      <h3>Offering #{id.toString()}</h3>
      <p>
        {units(o.amount)} at {money(o.pricePerUnit * 10n ** BigInt(s.decimals))} per ${s.symbol ?? 'token'}; minimum raise {money(o.minTotal)}.
      </p>
      <label>
        Raised {money(o.raised)} of the {money(o.minTotal)} minimum
        <progress max={100} value={p.towardMinimum}>
          {p.towardMinimum}%
        </progress>
      </label>
      <p>
        {p.soldPercent}% sold to {o.subscriberCount} {o.subscriberCount === 1 ? 'subscriber' : 'subscribers'}. Deadline {formatDate(o.deadline)} ({countdown(o.deadline, now)}).
      </p>
      <p data-testid={`offering-${id.toString()}-state`}>{offeringStateText(o, now)}</p>
      {sub && <p data-testid={`my-subscription-${id.toString()}`}>{subscriptionText(sub, o.status, { units, money })}</p>}
      {canOfferSettle(o, now) && mine && (
        <button
          type="button"
          onClick={() => onAction(settleAction(api, id, p.minimumReached, mine.account, 'to the issuer'))}
        >
          Settle offering #{id.toString()}
        </button>
      )}
      {sub && mine && canOfferRefund(o, sub, now) && (
        <button
          type="button"
          onClick={() =>
            onAction({
              title: `Refund from offering #${id}`,
              summary: `Take back your payment of ${money(sub.paid)} for ${units(sub.amount)} not delivered by offering #${id}.`,
              dryRun: () => api.dryRunRefund(mine.account, id),
              tx: (gas) => api.refundTx(id, gas),
            })
          }
        >
          Refund my subscription to offering #{id.toString()}
        </button>
      )}
      {o.status === 'Open' && Number(o.deadline) > now && mine?.account !== s.issuer && (
        <button type="button" onClick={() => onSubscribe({ id, offering: o })}>
          Subscribe to offering #{id.toString()}
        </button>
      )}
    </li>
  );
}
