import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Where the nodes keep their locks, rate budgets and ledger of writes when n8n runs as
 * several processes (queue mode). Tested by the nodes' `redisCoordinationTest` (a PING and a
 * round trip of the scripts the coordination runs), since Redis is not an HTTP service.
 */
export class NordicCommerceRedisApi implements ICredentialType {
	name = 'nordicCommerceRedisApi';

	displayName = 'Nordic Commerce Coordination (Redis)';

	icon: Icon = { light: 'file:../nodes/shared/coordination.svg', dark: 'file:../nodes/shared/coordination.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-nordic-commerce/n8n-nodes-nordic-commerce/blob/main/docs/queue-mode.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: 'localhost',
			description: "The Redis that every n8n process reaches; n8n's own queue Redis is fine",
		},
		{ displayName: 'Port', name: 'port', type: 'number', default: 6379 },
		{ displayName: 'User', name: 'user', type: 'string', default: '', hint: 'Leave blank for password-only auth' },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Database Number', name: 'database', type: 'number', typeOptions: { minValue: 0 }, default: 0 },
		{ displayName: 'SSL', name: 'ssl', type: 'boolean', default: false },
		{
			displayName: 'Key Prefix',
			name: 'keyPrefix',
			type: 'string',
			default: 'n8n-nordic-commerce:',
			description: 'Every key the nodes write starts with it. n8n instances that must not share locks or budgets use different prefixes.',
		},
		{
			displayName: 'If Redis Is Unreachable',
			name: 'whenUnreachable',
			type: 'options',
			options: [
				{
					name: 'Fail (Recommended)',
					value: 'fail',
					description: 'The item fails before anything is sent to the vendor; run it again once Redis is back',
				},
				{
					name: 'Continue Within This Process Only',
					value: 'inProcess',
					description:
						'Use locks, budgets and the ledger of this n8n process alone. Two workers may then book the same order twice or together exceed a rate limit.',
				},
			],
			default: 'fail',
		},
	];
}
