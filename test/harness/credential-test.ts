/**
 * Runs a node's credential-test function (`credentials[].testedBy: '<name>'` →
 * `methods.credentialTest[name]`) the way n8n's CredentialsTester does: with n8n-core's
 * own CredentialTestContext (its `helpers.request` goes through n8n's HTTP client, so nock
 * and a local server both work) and the credential data as the editor sends it.
 */
import type { ICredentialDataDecryptedObject, INodeCredentialTestResult, INodeType } from 'n8n-workflow';
import { CredentialTestContext } from 'n8n-core';

import { ensureHarnessEnvironment } from './environment';
import type { NodeTypeInput } from './node-types';
import { instantiate } from './node-types';
import { assertNoSecretsInUrls, installRequestUrlRecorder, requestUrlCount, requestUrlsSince, secretValuesOf } from './request-urls';

export async function testCredential(
	nodeTypeInput: NodeTypeInput,
	credentialType: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	await ensureHarnessEnvironment();
	const nodeType = instantiate(nodeTypeInput) as INodeType;
	const reference = nodeType.description.credentials?.find((credential) => credential.name === credentialType);
	const testedBy = reference?.testedBy;
	if (typeof testedBy !== 'string') {
		throw new Error(`Node ${nodeType.description.name} has no credential-test function for ${credentialType} (testedBy)`);
	}
	const testFunction = nodeType.methods?.credentialTest?.[testedBy];
	if (!testFunction) throw new Error(`methods.credentialTest.${testedBy} is missing on node ${nodeType.description.name}`);
	installRequestUrlRecorder();
	const urlMark = requestUrlCount();
	const result = await testFunction.call(new CredentialTestContext(), { id: 'credential-test', name: 'Credential test', type: credentialType, data });
	// The test's requests (token, probe) never carry a secret in the URL either.
	assertNoSecretsInUrls(requestUrlsSince(urlMark), secretValuesOf(data));
	return result;
}
