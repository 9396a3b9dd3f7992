import { useMoney } from './ChainContext';
import type { RegistryApplication } from '../contracts/registry';
import { applicationText } from '../lib/join';
import { formatDate } from '../pages/format';

/** An open application as the registry holds it: when, the bond, the profile hash, the vouches. */
export function ApplicationFacts({
  application,
  vouchesRequired,
  deadline,
  testId,
}: {
  application: RegistryApplication;
  vouchesRequired: number;
  deadline: bigint | undefined;
  testId?: string;
}) {
  const money = useMoney();
  return (
    <dl data-testid={testId}>
      <dt>Applied</dt>
      <dd>{formatDate(application.appliedAt)}</dd>
      <dt>Bond</dt>
      <dd>{money(application.bond)}</dd>
      <dt>Profile hash</dt>
      <dd className="hash">{application.profileHash}</dd>
      <dt>Vouches</dt>
      <dd>{applicationText(application, vouchesRequired, deadline, Date.now(), formatDate)}</dd>
    </dl>
  );
}
