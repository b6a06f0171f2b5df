/**
 * What `npm publish` would put in the tarball: only dist/, README, LICENSE, CHANGELOG and
 * package.json, within a size budget; no sandbox, tests, sources or source maps.
 *
 *   npm run build && npm run check:pack
 *
 * Reads `npm pack --dry-run --json` (nothing is written). CI runs it after the build, and
 * the publish workflow before `npm publish`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Measured on 0.1.0 (three nodes, three credentials): 168 KiB packed, 775 KiB unpacked,
 * 291 files. The budget leaves room for the trigger nodes and more operations; a jump past it
 * means something that should not ship is in the tarball.
 */
export const BUDGET = { packedBytes: 300 * 1024, unpackedBytes: 1.5 * 1024 * 1024, files: 600 };

/** Top-level files that ship besides dist/. */
export const REQUIRED_TOP_LEVEL = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];
/** What dist/ may hold: compiled code, its type declarations, codex JSON and icons. */
const DIST_FILE = /^dist\/.+\.(js|d\.ts|json|svg|png)$/;

export interface PackReport {
	size: number;
	unpackedSize: number;
	entryCount: number;
	files: Array<{ path: string; size: number }>;
}

export interface PackManifest {
	main?: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

/** Every way the tarball breaks the rules, as sentences; empty when it is fine. */
export function packProblems(report: PackReport, manifest: PackManifest, budget = BUDGET): string[] {
	const problems: string[] = [];
	const paths = new Set(report.files.map((file) => file.path));
	for (const path of paths) {
		if (REQUIRED_TOP_LEVEL.includes(path)) continue;
		if (path.endsWith('.map')) problems.push(`${path}: source maps do not ship`);
		else if (/(^|\/)(sandbox|test|tests|__tests__|templates|scripts|docs)\//.test(path)) problems.push(`${path}: only the package's runtime code ships`);
		else if (!DIST_FILE.test(path)) problems.push(`${path}: not dist/ code, declarations, codex or icons, nor ${REQUIRED_TOP_LEVEL.join(', ')}`);
	}
	const required = [...REQUIRED_TOP_LEVEL, manifest.main ?? 'dist/index.js', ...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	for (const path of required) if (!paths.has(path)) problems.push(`${path}: missing (package.json or n8n expects it)`);
	if (report.size > budget.packedBytes) problems.push(`packed size ${report.size} bytes is over the budget of ${budget.packedBytes} bytes`);
	if (report.unpackedSize > budget.unpackedBytes) problems.push(`unpacked size ${report.unpackedSize} bytes is over the budget of ${budget.unpackedBytes} bytes`);
	if (report.entryCount > budget.files) problems.push(`${report.entryCount} files is over the budget of ${budget.files}`);
	return problems;
}

function main(): void {
	const root = join(__dirname, '..');
	const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`npm pack --dry-run failed (exit ${result.status}):\n${result.stderr}`);
	const [report] = JSON.parse(result.stdout) as PackReport[];
	const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackManifest;
	const problems = packProblems(report, manifest);
	const summary = `${report.entryCount} files, ${Math.round(report.size / 1024)} KiB packed (budget ${BUDGET.packedBytes / 1024}), ${Math.round(report.unpackedSize / 1024)} KiB unpacked (budget ${BUDGET.unpackedBytes / 1024})`;
	if (problems.length) {
		console.error(`check-pack: FAILED (${summary})\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		process.exit(1);
	}
	console.log(`check-pack: OK: ${summary}; only dist/ and ${REQUIRED_TOP_LEVEL.join(', ')}`);
}

if (require.main === module) main();
