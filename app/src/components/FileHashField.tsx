import { useId, useState } from 'react';
import { documentHash } from '../lib/hash';

/** A file picked here and hashed in the browser (blake2-256); only the hash leaves the page. */
export function FileHashField({ label, onHash }: { label: string; onHash: (hash: `0x${string}` | undefined) => void }) {
  const id = useId();
  const [picked, setPicked] = useState<{ name: string; hash: `0x${string}` } | undefined>(undefined);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (!f) {
            setPicked(undefined);
            onHash(undefined);
            return;
          }
          void f.arrayBuffer().then((b) => {
            const hash = documentHash(new Uint8Array(b));
            setPicked({ name: f.name, hash });
            onHash(hash);
          });
        }}
      />
      <p data-testid={`${label.toLowerCase().replace(/[^a-z]+/g, '-')}-hash`}>
        {picked ? (
          <>
            blake2-256 of {picked.name}: <span className="hash">{picked.hash}</span>
          </>
        ) : (
          'No file picked: the file stays on your device, only its hash is sent.'
        )}
      </p>
    </div>
  );
}
