// The network the app was built for and the suite's addresses, from the deployment manifest
// (deploy/deployments/<network>.json, baked in at build time by vite.config.ts).

/** The manifest written by the Rust deployment plan (`deploy/src/manifest.rs`). */
export interface DeploymentManifest {
  plan_version: number;
  network: string;
  url: string | null;
  /** Left out of the bundle by vite.config.ts (the app needs no deployer). */
  deployer?: string;
  code_hashes: {
    governance: string | null;
    registry: string | null;
    personal_token: string | null;
    payout_splitter: string | null;
    /** Plan version 2: the roster the registry instantiates. */
    roster?: string | null;
  };
  governance: string | null;
  registry: string | null;
  /** Plan version 2: the roster the registry instantiated and writes. */
  roster?: string | null;
  wired: boolean;
  handed_over: boolean;
  block: number | null;
  /** The first block the deployment could have written (where the activity scan starts). */
  first_block?: number | null;
}

/** What the app can do with the manifest it was built with. */
export type NetworkConfig =
  | { ok: true; network: string; url: string; registry: string; governance: string; manifest: DeploymentManifest }
  | { ok: false; network: string; reason: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a parsed manifest; pure, unit-tested. */
export function parseManifest(network: string, raw: unknown): NetworkConfig {
  if (raw === null || raw === undefined) {
    return { ok: false, network, reason: `No deployment manifest for network "${network}" (deploy/deployments/${network}.json).` };
  }
  if (!isRecord(raw) || typeof raw.network !== 'string' || typeof raw.plan_version !== 'number') {
    return { ok: false, network, reason: `The deployment manifest for "${network}" is not a manifest.` };
  }
  const m = raw as unknown as DeploymentManifest;
  if (typeof m.url !== 'string' || !/^wss?:\/\//.test(m.url)) {
    return { ok: false, network, reason: `The deployment for "${network}" names no node URL (ws:// or wss://).` };
  }
  if (typeof m.registry !== 'string' || typeof m.governance !== 'string') {
    return { ok: false, network, reason: `The deployment for "${network}" is incomplete: no registry or governance address yet.` };
  }
  return { ok: true, network, url: m.url, registry: m.registry, governance: m.governance, manifest: m };
}

export const NETWORK: NetworkConfig = parseManifest(__PT_NETWORK__, __PT_MANIFEST__);
