/// <reference types="vite/client" />

declare const __PT_NETWORK__: string;
declare const __PT_MANIFEST__: unknown;

interface ImportMetaEnv {
  readonly VITE_NETWORK?: string;
  readonly VITE_DEV_WALLET?: string;
}
