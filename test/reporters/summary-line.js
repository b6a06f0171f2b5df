// Jest reporter that ends the run with one plain, language-neutral summary line:
//
//   tests: 42 passed, 0 failed, 1 skipped
//
// Jest's own "Tests: ..." summary is kept. Jest always adds its summary reporter
// after custom reporters and prints "Ran all test suites." after that, so the
// line is written when the process exits, to be the last line of the run.
// A test file that fails to load or compile has no test results of its own, so
// each such file counts as one failure here; otherwise a broken suite could
// print "0 failed".
'use strict';

class SummaryLineReporter {
	onRunComplete(_testContexts, results) {
		const passed = results.numPassedTests;
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		const skipped = results.numPendingTests + results.numTodoTests;
		const line = `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
		process.once('exit', () => {
			process.stdout.write(`\n${line}\n`);
		});
	}
}

module.exports = SummaryLineReporter;
