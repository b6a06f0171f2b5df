import { PostiTrackingApi } from '../../../credentials/PostiTrackingApi.credentials';
import { OmaPostiPro } from '../../../nodes/OmaPostiPro/OmaPostiPro.node';
import { OmaPostiProTrigger } from '../../../nodes/OmaPostiPro/OmaPostiProTrigger.node';
import { testCredential } from '../../harness';
import { pendingRequests, setUpNock, tearDownNock } from './helpers';
import { ACCOUNT_SECRET, BASIC, TRACKING_TOKEN, mockTrackingToken, trackingApi, trackingCredential } from './trackingHelpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

const PROBE = '/tracking/7/shipments/trackingnumber/JJFI00000000000000000';

function expectNoSecretIn(text: string | undefined): void {
	for (const secret of [ACCOUNT_SECRET, BASIC, TRACKING_TOKEN]) expect(text).not.toContain(secret);
}

describe('Posti Tracking API credential', () => {
	test('service account name, secret (password), Base URL override, hidden expirable token', () => {
		const credential = new PostiTrackingApi();
		expect(credential.name).toBe('postiTrackingApi');
		const byName = Object.fromEntries(credential.properties.map((property) => [property.name, property]));
		expect(Object.keys(byName)).toEqual(['accountName', 'accountSecret', 'baseUrlOverride', 'timeoutSeconds', 'accessToken', 'expiresAt']);
		expect(byName.accountSecret.typeOptions).toEqual({ password: true });
		expect(byName.accessToken).toMatchObject({ type: 'hidden', typeOptions: { expirable: true, password: true } });
		expect(new OmaPostiProTrigger().description.credentials).toEqual([{ name: 'postiTrackingApi', required: true, testedBy: 'postiTrackingApiTest' }, { name: 'nordicCommerceRedisApi', required: true, displayOptions: { show: { coordination: ['redis'] } }, testedBy: 'redisCoordinationTest' }]);
	});

	test.each([
		[200, { parcelShipments: [], freightShipments: [] }],
		[404, ''],
	])('Test: token with HTTP Basic, then a lookup of a number no shipment has (%s) → OK', async (status, body) => {
		mockTrackingToken();
		trackingApi().get(PROBE).reply(status, body);
		const result = await testCredential(OmaPostiPro, 'postiTrackingApi', { ...trackingCredential.data });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful: Posti accepted the tracking service account.' });
		expect(pendingRequests()).toEqual([]);
	});

	test('Test: a wrong secret fails with the lock-out warning, without the secret', async () => {
		mockTrackingToken({ status: 401 });
		const result = await testCredential(OmaPostiProTrigger, 'postiTrackingApi', { ...trackingCredential.data });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Posti did not accept the tracking service account name or secret (HTTP 401');
		expect(result.message).toContain('five failed logins');
		expectNoSecretIn(result.message);
	});

	test('Test: a token but no tracking access (403)', async () => {
		mockTrackingToken();
		trackingApi().get(PROBE).reply(403);
		const result = await testCredential(OmaPostiPro, 'postiTrackingApi', { ...trackingCredential.data });
		expect(result).toEqual({
			status: 'Error',
			message: 'Posti issued a token but refused the tracking lookup (HTTP 403): ask Posti Customer Service to give the service account access to the Tracking API.',
		});
	});

	test('Test: empty fields are refused without a request', async () => {
		const result = await testCredential(OmaPostiPro, 'postiTrackingApi', { accountName: '', accountSecret: '' });
		expect(result.status).toBe('Error');
		expect(pendingRequests()).toEqual([]);
	});
});
