import { coordination, InProcessCoordination, useCoordination } from '../../nodes/shared/coordination';

// Every test starts with no locks or ledger entries left by the one before it: the ledger would
// otherwise answer a test's write with an earlier test's record. The rate budgets carry over, as
// the vendor's (the sandbox's) windows do.
beforeEach(() => {
	const { limiters } = coordination() as InProcessCoordination;
	useCoordination(new InProcessCoordination(undefined, limiters));
});
