/**
 * The "Nordic Commerce Coordination (Redis)" credential's Test button in a running n8n: against
 * a real redis-server with a password (Debian's package, scripts/install-services.sh), the
 * right password passes and a wrong one fails without the message showing it.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

type Check = (name: string, body: () => Promise<string[]>) => Promise<boolean>;
type Rest = (method: 'POST', path: string, body: unknown) => Promise<{ status: number; body: { data?: { id?: string; status?: string; message?: string } } }>;

async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export const REDIS_CREDENTIAL_TYPE = 'nordicCommerceRedisApi';

export async function checkRedisCredential(check: Check, rest: Rest): Promise<void> {
	const password = randomBytes(12).toString('hex');
	const port = await freePort();
	const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', password], { stdio: 'ignore' });
	const started = await new Promise<string | undefined>((resolve) => {
		server.once('error', (error) => resolve(`redis-server could not be started (${error.message}): run scripts/install-services.sh`));
		setTimeout(() => resolve(undefined), 500);
	});
	try {
		const data = { host: '127.0.0.1', port, user: '', password, database: 0, ssl: false, keyPrefix: 'e2e:', whenUnreachable: 'fail' };
		// n8n tests only a credential that exists (the editor's Test button works on a saved one).
		const created = await rest('POST', '/rest/credentials', { name: 'Coordination (e2e)', type: REDIS_CREDENTIAL_TYPE, data });
		const id = created.body.data?.id ?? '';
		const credential = (overrides: Record<string, unknown>) => ({ id, name: 'Coordination (e2e)', type: REDIS_CREDENTIAL_TYPE, data: { ...data, ...overrides } });
		const testCredential = async (body: unknown) => await rest('POST', '/rest/credentials/test', { credentials: body });
		await check(`${REDIS_CREDENTIAL_TYPE}: credential test succeeds against a real Redis`, async () => {
			if (started) return [started];
			const res = await testCredential(credential({}));
			return res.status === 200 && res.body.data?.status === 'OK' ? [] : [`HTTP ${res.status}: ${JSON.stringify(res.body)}`];
		});
		await check(`${REDIS_CREDENTIAL_TYPE}: credential test fails for a wrong password, and its message shows no password`, async () => {
			if (started) return [started];
			const wrong = `wrong-${randomBytes(6).toString('hex')}`;
			const res = await testCredential(credential({ password: wrong }));
			const message = res.body.data?.message ?? '';
			const problems: string[] = [];
			if (res.status !== 200 || res.body.data?.status !== 'Error') problems.push(`expected status Error, got HTTP ${res.status}: ${JSON.stringify(res.body)}`);
			if (message.includes(wrong) || message.includes(password)) problems.push(`message shows a password: ${message}`);
			return problems;
		});
	} finally {
		server.kill('SIGKILL');
	}
}
