import { useMoney } from '../../components/ChainContext';
import { formatDate } from '../format';
import type { Loaded } from './loaded';

/** The issuer's disclosed assets: kind, estimate, when disclosed, what their sales paid holders. */
export function AssetsTable({ assets }: { assets: Loaded['assets'] }) {
  const money = useMoney();
  if (assets.length === 0) return <p>No asset disclosed.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Estimated value</th>
          <th scope="col">Disclosed</th>
          <th scope="col">Paid to holders</th>
        </tr>
      </thead>
      <tbody>
        {assets.map(({ id, asset }) => (
          <tr key={id.toString()}>
            <td>{asset.kind}</td>
            <td>{money(asset.estimatedValue)}</td>
            <td>{formatDate(asset.disclosedAt)}</td>
            <td>{money(asset.paidToHolders)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
