import { useId, useState } from 'react';
import { useChain, useMoney } from '../../components/ChainContext';
import { amountErrorMessage, parseAmount } from '../../lib/amount';
import { MAX_INVITEES, parseInvitees, pricePerUnit } from '../../lib/console';
import { canOfferSettle, countdown, offeringProgress, offeringStateText } from '../../lib/offering';
import { formatDate } from '../format';
import { settleAction } from '../token/actions';
import { tokenUnits, type Action, type Loaded } from '../token/loaded';
import { writeAction } from './action';

interface DeskProps {
  loaded: Loaded;
  now: number;
  onAction: (a: Action) => void;
}

/** The issuer's offerings: open one, watch each one's progress, cancel before close, settle. */
export function OfferingDesk({ loaded, now, onAction }: DeskProps) {
  const money = useMoney();
  const { api, summary: s } = loaded;
  const units = tokenUnits(s);
  return (
    <>
      <OpenOfferingForm loaded={loaded} now={now} onAction={onAction} />
      {loaded.offerings.length === 0 ? (
        <p>No offering yet.</p>
      ) : (
        <ul className="offerings">
          {[...loaded.offerings].reverse().map(({ id, offering: o }) => {
            const p = offeringProgress(o);
            const closed = Number(o.deadline) <= now || o.sold >= o.amount;
            return (
              <li key={id.toString()} data-testid={`desk-offering-${id.toString()}`}>
                <h3>Offering #{id.toString()}</h3>
                <p>
                  {units(o.sold)} of {units(o.amount)} sold to {o.subscriberCount} {o.subscriberCount === 1 ? 'subscriber' : 'subscribers'}; raised {money(o.raised)} of the{' '}
                  {money(o.minTotal)} minimum ({p.towardMinimum}%). Deadline {formatDate(o.deadline)} ({countdown(o.deadline, now)}).
                </p>
                <p>{offeringStateText(o, now)}</p>
                {o.status === 'Open' && !closed && (
                  <button
                    type="button"
                    onClick={() =>
                      onAction(
                        writeAction(
                          api.cancelOffering(id),
                          s.issuer,
                          `Cancel offering #${id}`,
                          `Cancel offering #${id} before it closes: nothing is delivered, and each of its ${o.subscriberCount} subscribers takes back his payment (${money(o.raised)} in all).`,
                        ),
                      )
                    }
                  >
                    Cancel offering #{id.toString()}
                  </button>
                )}
                {canOfferSettle(o, now) && (
                  <button
                    type="button"
                    onClick={() => onAction(settleAction(api, id, p.minimumReached, s.issuer, `(${money(o.raised)}) to you`))}
                  >
                    Settle offering #{id.toString()}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

function toLocalInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

function OpenOfferingForm({ loaded, now, onAction }: DeskProps) {
  const chain = useChain();
  const money = useMoney();
  const id = useId();
  const { api, summary: s } = loaded;
  const units = tokenUnits(s);
  const [amountText, setAmountText] = useState('');
  const [priceText, setPriceText] = useState('');
  const [minText, setMinText] = useState('');
  const [deadlineText, setDeadlineText] = useState(() => toLocalInput(now + 14 * 86_400_000));
  const [inviteesText, setInviteesText] = useState('');
  const chainDecimals = chain.status === 'connected' ? chain.chain.decimals : 12;
  const chainSymbol = chain.status === 'connected' ? chain.chain.symbol : 'UNIT';
  const amount = parseAmount(amountText, { decimals: s.decimals });
  const price = parseAmount(priceText, { decimals: chainDecimals });
  const perUnit = price.ok ? pricePerUnit(price.value, s.decimals) : undefined;
  const minTotal = parseAmount(minText, { decimals: chainDecimals });
  const deadline = Date.parse(deadlineText);
  const deadlineOk = Number.isFinite(deadline) && deadline > now;
  const invitees = parseInvitees(inviteesText);
  const ok = amount.ok && amount.value > 0n && perUnit !== undefined && minTotal.ok && deadlineOk && invitees.length <= MAX_INVITEES;
  return (
    <form
      className="console-form"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!ok || !amount.ok || !minTotal.ok || perUnit === undefined) return;
        const total = amount.value * perUnit;
        onAction(
          writeAction(
            api.openOffering(amount.value, perUnit, minTotal.value, BigInt(deadline), invitees),
            s.issuer,
            'Open an offering',
            `Offer ${units(amount.value)} at ${money(price.ok ? price.value : 0n)} per $${s.symbol ?? 'token'} (${money(total)} if sold out) until ${formatDate(BigInt(deadline))}; it settles if it raises at least ${money(minTotal.value)}, else every subscriber is refunded. ${invitees.length > 0 ? `Only ${invitees.length} invited ${invitees.length === 1 ? 'member' : 'members'} may buy.` : 'Any active member may buy.'} The offered tokens are set aside from your balance until it closes.`,
          ),
        );
      }}
    >
      <h3 id={`${id}-h`}>Open an offering</h3>
      <label htmlFor={`${id}-amount`}>Amount of ${s.symbol ?? 'tokens'} offered</label>
      <input id={`${id}-amount`} inputMode="decimal" value={amountText} onChange={(e) => setAmountText(e.target.value)} />
      {amountText && !amount.ok && <p className="error">{amountErrorMessage(amount.error, { decimals: s.decimals, symbol: s.symbol })}</p>}
      <label htmlFor={`${id}-price`}>
        Price per ${s.symbol ?? 'token'} in {chainSymbol}
      </label>
      <input id={`${id}-price`} inputMode="decimal" value={priceText} onChange={(e) => setPriceText(e.target.value)} />
      {priceText && !price.ok && <p className="error">{amountErrorMessage(price.error, { decimals: chainDecimals, symbol: chainSymbol })}</p>}
      {price.ok && perUnit === undefined && (
        <p className="error">
          The price must be a positive multiple of {money(10n ** BigInt(s.decimals))} (the contract prices each of the 10^{s.decimals} smallest units of a token).
        </p>
      )}
      <label htmlFor={`${id}-min`}>Minimum raise in {chainSymbol}</label>
      <input id={`${id}-min`} inputMode="decimal" value={minText} onChange={(e) => setMinText(e.target.value)} />
      {minText && !minTotal.ok && <p className="error">{amountErrorMessage(minTotal.error, { decimals: chainDecimals, symbol: chainSymbol })}</p>}
      <label htmlFor={`${id}-deadline`}>Deadline</label>
      <input id={`${id}-deadline`} type="datetime-local" value={deadlineText} onChange={(e) => setDeadlineText(e.target.value)} />
      {!deadlineOk && <p className="error">The deadline must be in the future.</p>}
      <label htmlFor={`${id}-invitees`}>Invitees (addresses, one per line; empty: any active member)</label>
      <textarea id={`${id}-invitees`} rows={2} value={inviteesText} onChange={(e) => setInviteesText(e.target.value)} />
      {invitees.length > MAX_INVITEES && <p className="error">At most {MAX_INVITEES} invitees.</p>}
      <button type="submit" disabled={!ok}>
        Review the offering
      </button>
    </form>
  );
}
