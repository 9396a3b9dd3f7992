// Documents are hashed in the browser; only the hash goes on chain (profiles, terms, assets).
import { blake2AsHex } from 'dedot/utils';

/** The blake2-256 hash of a document: text as UTF-8, or a file's bytes. */
export function documentHash(doc: string | Uint8Array): `0x${string}` {
  const bytes = typeof doc === 'string' ? new TextEncoder().encode(doc) : doc;
  return blake2AsHex(bytes, 256) as `0x${string}`;
}
