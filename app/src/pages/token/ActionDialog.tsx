import { useCallback } from 'react';
import { useMoney } from '../../components/ChainContext';
import { WriteDialog } from '../../components/WriteDialog';
import { tokenErrorMessage } from '../../lib/errors';
import type { Action } from './loaded';

/** The confirm step for a token message, its errors in the token's words. */
export function ActionDialog({ action, onClose, onDone }: { action: Action; onClose: () => void; onDone: () => void }) {
  const money = useMoney();
  const describeError = useCallback((e: unknown) => tokenErrorMessage(e as never, { money }), [money]);
  return <WriteDialog action={{ ...action, describeError }} onClose={onClose} onDone={onDone} />;
}
