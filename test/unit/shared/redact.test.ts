import { Redactor } from '../../../nodes/shared/redact';

describe('Redactor', () => {
	const redactor = new Redactor(['consumer-secret-123', 'employee-secret-456', 'session-789abc']).withDerived([
		Buffer.from('0:session-789abc').toString('base64'),
	]);

	it('masks secret values, their URL and base64 encodings', () => {
		const text = redactor.text(
			`consumerToken=consumer-secret-123&x=${encodeURIComponent('employee-secret-456')} ${Buffer.from('0:session-789abc').toString('base64')}`,
		);
		expect(text).not.toMatch(/consumer-secret-123|employee-secret-456|session-789abc/);
		expect(text).not.toContain(Buffer.from('0:session-789abc').toString('base64'));
	});

	it('masks Authorization headers and bearer tokens it does not know', () => {
		expect(redactor.text('Authorization: Bearer abcdefghijklmnop')).toBe('Authorization: [redacted]');
		expect(redactor.text('sent Basic dXNlcjpwYXNzd29yZA== to server')).toBe('sent Basic [redacted] to server');
		expect(redactor.text('{"access_token":"xyz123456789"}')).toBe('{"access_token":"[redacted]"}');
	});

	it('deep-redacts objects, and header keys wholesale', () => {
		const value = redactor.value({
			headers: { Authorization: 'anything', accept: 'json' },
			nested: [{ message: 'token session-789abc expired' }],
		});
		expect(value).toEqual({
			headers: { Authorization: '[redacted]', accept: 'json' },
			nested: [{ message: 'token [redacted] expired' }],
		});
	});

	it('keeps a vendor message that names a token field', () => {
		expect(redactor.text('employeeToken: Unknown token supplied')).toBe('employeeToken: Unknown token supplied');
		expect(redactor.text('?consumerToken=abc123456&x=1')).toBe('?consumerToken=[redacted]&x=1');
	});

	it('leaves ordinary text alone', () => {
		expect(redactor.text('Account 1920 does not exist')).toBe('Account 1920 does not exist');
	});
});
