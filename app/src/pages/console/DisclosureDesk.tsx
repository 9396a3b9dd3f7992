import { useId, useState } from 'react';
import { useChain, useMoney } from '../../components/ChainContext';
import { FileHashField } from '../../components/FileHashField';
import type { PersonalTokenAsset, PersonalTokenAssetKind } from '../../contracts/token';
import { amountErrorMessage, parseAmount } from '../../lib/amount';
import { liquidationPreview } from '../../lib/console';
import { percent } from '../../lib/offering';
import { formatDate } from '../format';
import type { Action, Loaded } from '../token/loaded';
import { writeAction } from './action';

const KINDS: ReadonlyArray<{ kind: PersonalTokenAssetKind; label: string }> = [
  { kind: 'CompanyStake', label: 'Company stake' },
  { kind: 'Crypto', label: 'Crypto' },
  { kind: 'RealEstate', label: 'Real estate' },
  { kind: 'Income', label: 'Income' },
  { kind: 'IntellectualProperty', label: 'Intellectual property' },
  { kind: 'Other', label: 'Other' },
];

interface DeskProps {
  loaded: Loaded;
  onAction: (a: Action) => void;
}

/** Amount fields in the chain's unit, with their error sentences. */
function useMoneyInput() {
  const chain = useChain();
  const [text, setText] = useState('');
  const decimals = chain.status === 'connected' ? chain.chain.decimals : 12;
  const symbol = chain.status === 'connected' ? chain.chain.symbol : 'UNIT';
  const parsed = parseAmount(text, { decimals });
  const error = text && !parsed.ok ? amountErrorMessage(parsed.error, { decimals, symbol }) : undefined;
  return { text, setText, parsed, error, symbol };
}

/** The issuer's disclosures: disclose an asset, revalue it, report its sale and pay the holders. */
export function DisclosureDesk({ loaded, onAction }: DeskProps) {
  return (
    <>
      <DiscloseForm loaded={loaded} onAction={onAction} />
      {loaded.assets.length === 0 ? (
        <p>No asset disclosed yet.</p>
      ) : (
        <ul className="offerings">
          {loaded.assets.map(({ id, asset }) => (
            <AssetItem key={id.toString()} id={id} asset={asset} loaded={loaded} onAction={onAction} />
          ))}
        </ul>
      )}
    </>
  );
}

function DiscloseForm({ loaded, onAction }: DeskProps) {
  const money = useMoney();
  const id = useId();
  const [kind, setKind] = useState<PersonalTokenAssetKind>('CompanyStake');
  const [docHash, setDocHash] = useState<`0x${string}` | undefined>(undefined);
  const value = useMoneyInput();
  const ok = docHash !== undefined && value.parsed.ok;
  return (
    <form
      className="console-form"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!docHash || !value.parsed.ok) return;
        const label = KINDS.find((k) => k.kind === kind)?.label ?? kind;
        onAction(
          writeAction(
            loaded.api.discloseAsset(kind, docHash, value.parsed.value),
            loaded.summary.issuer,
            'Disclose an asset',
            `Disclose an asset (${label}) estimated at ${money(value.parsed.value)}, documented by the file with hash ${docHash}. Your holders own their share of it from now on; when you sell it, you report the sale and pay them.`,
          ),
        );
      }}
    >
      <h3 id={`${id}-h`}>Disclose an asset</h3>
      <label htmlFor={`${id}-kind`}>Kind</label>
      <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as PersonalTokenAssetKind)}>
        {KINDS.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      <FileHashField label="Asset document" onHash={setDocHash} />
      <label htmlFor={`${id}-value`}>Estimated value in {value.symbol}</label>
      <input id={`${id}-value`} inputMode="decimal" value={value.text} onChange={(e) => value.setText(e.target.value)} />
      {value.error && <p className="error">{value.error}</p>}
      <button type="submit" disabled={!ok}>
        Review the disclosure
      </button>
    </form>
  );
}

function AssetItem({ id, asset, loaded, onAction }: DeskProps & { id: bigint; asset: PersonalTokenAsset }) {
  const money = useMoney();
  const exact = useMoney({ exact: true });
  const formId = useId();
  const revalue = useMoneyInput();
  const gross = useMoneyInput();
  const { api, summary: s } = loaded;
  const preview = gross.parsed.ok ? liquidationPreview(gross.parsed.value, s.outstanding, s.totalSupply) : undefined;
  const label = KINDS.find((k) => k.kind === asset.kind)?.label ?? asset.kind;
  return (
    <li data-testid={`asset-${id.toString()}`}>
      <h3>
        Asset #{id.toString()}: {label}
      </h3>
      <p>
        Estimated at {money(asset.estimatedValue)} (disclosed {formatDate(asset.disclosedAt)}); {asset.liquidationCount} {asset.liquidationCount === 1 ? 'sale' : 'sales'} reported for{' '}
        {money(asset.grossLiquidated)}, of which {money(asset.paidToHolders)} went to holders.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!revalue.parsed.ok) return;
          onAction(writeAction(api.revalue(id, revalue.parsed.value), s.issuer, `Revalue asset #${id}`, `Revalue asset #${id} (${label}) from ${money(asset.estimatedValue)} to ${money(revalue.parsed.value)}.`));
        }}
      >
        <label htmlFor={`${formId}-revalue`}>New estimate in {revalue.symbol}</label>
        <input id={`${formId}-revalue`} inputMode="decimal" value={revalue.text} onChange={(e) => revalue.setText(e.target.value)} />
        {revalue.error && <p className="error">{revalue.error}</p>}
        <button type="submit" disabled={!revalue.parsed.ok}>
          Review the revaluation of asset #{id.toString()}
        </button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!gross.parsed.ok || !preview) return;
          onAction(
            writeAction(
              api.reportLiquidation(id, gross.parsed.value, preview.share),
              s.issuer,
              `Report a sale of asset #${id}`,
              `Report that you sold asset #${id} (${label}) for ${money(gross.parsed.value)} and pay the holders' share, ${exact(preview.share)}, into the payout splitter; you keep ${exact(preview.kept)}.`,
            ),
          );
        }}
      >
        <label htmlFor={`${formId}-gross`}>Sold for ({gross.symbol}, gross proceeds)</label>
        <input id={`${formId}-gross`} inputMode="decimal" value={gross.text} onChange={(e) => gross.setText(e.target.value)} />
        {gross.error && <p className="error">{gross.error}</p>}
        {preview && gross.parsed.ok && (
          <p data-testid={`liquidation-preview-${id.toString()}`} aria-live="polite">
            Holders hold {percent(s.outstanding, s.totalSupply)}% of the supply: their share is {exact(preview.share)} (rounded up), paid with this report; you keep {exact(preview.kept)}.
          </p>
        )}
        <button type="submit" disabled={!preview || (gross.parsed.ok && gross.parsed.value === 0n)}>
          Review the sale of asset #{id.toString()}
        </button>
      </form>
    </li>
  );
}
