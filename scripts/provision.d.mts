// Types for scripts/provision.mjs (plain JS so that it runs on any Node without a build).
export const root: string;
export const DEFAULT_N8N_VERSION: string;
export const DEFAULT_NODE_VERSION: string;
export function cacheDir(): string;
export function nodePaths(nodeVersion?: string): { dir: string; pkg: string; bin: string; node: string; headers: string };
export function n8nPaths(n8nVersion?: string): { dir: string; marker: string; bin: string; modules: string };
export function envWithNode(nodeBin: string, extra?: Record<string, string>): NodeJS.ProcessEnv;
export const NODE_20_VERSION: string;
export function defaultNodeFor(n8nVersion: string): string;
export interface Provisioned {
	n8nVersion: string;
	nodeVersion: string;
	nodeExe: string;
	nodeBin: string;
	n8nBin: string;
	dir: string;
	seconds: number;
}
export function provision(options?: { n8nVersion?: string; nodeVersion?: string }): Promise<Provisioned>;
