import { BUDGET, packProblems, type PackReport } from '../../scripts/check-pack';

const manifest = {
	main: 'dist/index.js',
	n8n: { nodes: ['dist/nodes/Tripletex/Tripletex.node.js'], credentials: ['dist/credentials/TripletexApi.credentials.js'] },
};

function report(paths: string[], { size = 1000, unpackedSize = 4000 } = {}): PackReport {
	return { size, unpackedSize, entryCount: paths.length, files: paths.map((path) => ({ path, size: 10 })) };
}

const good = [
	'package.json',
	'README.md',
	'LICENSE',
	'CHANGELOG.md',
	'dist/index.js',
	'dist/index.d.ts',
	'dist/nodes/Tripletex/Tripletex.node.js',
	'dist/nodes/Tripletex/Tripletex.node.json',
	'dist/nodes/Tripletex/tripletex.svg',
	'dist/credentials/TripletexApi.credentials.js',
];

describe('package contents check (npm pack --dry-run)', () => {
	it('accepts dist/ code, declarations, codex and icons with README, LICENSE, CHANGELOG and package.json', () => {
		expect(packProblems(report(good), manifest)).toEqual([]);
	});

	it('refuses source maps, sources, the sandbox, tests and stray files', () => {
		const problems = packProblems(
			report([...good, 'dist/index.js.map', 'dist/sandbox/main.js', 'dist/test/unit/x.test.js', 'nodes/Tripletex/Tripletex.node.ts', '.npmrc']),
			manifest,
		);
		expect(problems).toEqual([
			'dist/index.js.map: source maps do not ship',
			'dist/sandbox/main.js: only the package\'s runtime code ships',
			'dist/test/unit/x.test.js: only the package\'s runtime code ships',
			'nodes/Tripletex/Tripletex.node.ts: not dist/ code, declarations, codex or icons, nor package.json, README.md, LICENSE, CHANGELOG.md',
			'.npmrc: not dist/ code, declarations, codex or icons, nor package.json, README.md, LICENSE, CHANGELOG.md',
		]);
	});

	it('wants the CHANGELOG and every node and credential that package.json lists', () => {
		const problems = packProblems(report(good.filter((p) => p !== 'CHANGELOG.md' && !p.endsWith('.credentials.js'))), manifest);
		expect(problems).toEqual([
			'CHANGELOG.md: missing (package.json or n8n expects it)',
			'dist/credentials/TripletexApi.credentials.js: missing (package.json or n8n expects it)',
		]);
	});

	it('holds the size budget', () => {
		const problems = packProblems(report(good, { size: BUDGET.packedBytes + 1, unpackedSize: BUDGET.unpackedBytes + 1 }), manifest);
		expect(problems).toEqual([
			`packed size ${BUDGET.packedBytes + 1} bytes is over the budget of ${BUDGET.packedBytes} bytes`,
			`unpacked size ${BUDGET.unpackedBytes + 1} bytes is over the budget of ${BUDGET.unpackedBytes} bytes`,
		]);
	});
});
