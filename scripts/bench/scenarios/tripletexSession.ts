import { httpRequest } from '../workflows';

/** The hand-built flows' first step, as Tripletex's docs lead there: a session per item. */
export function tripletexSessionStep(base: string) {
	return httpRequest({
		name: 'Create session',
		method: 'PUT',
		url: `${base}/token/session/:create`,
		query: {
			consumerToken: 'sandbox-consumer-token',
			employeeToken: 'sandbox-employee-token',
			expirationDate: "={{ $now.plus({ days: 1 }).toFormat('yyyy-MM-dd') }}",
		},
	});
}
