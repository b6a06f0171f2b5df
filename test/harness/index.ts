/**
 * In-process workflow harness on n8n-core's WorkflowExecute. See README.md.
 */
export { runWorkflow } from './run-workflow';
export { createPoller } from './poll';
export type { Poller, PollerOptions, PollOutcome } from './poll';
export type {
	ItemInput,
	OutputSelector,
	RunWorkflowOptions,
	WorkflowJson,
	WorkflowNodeJson,
	WorkflowRunResult,
} from './run-workflow';
export { CredentialStore, HarnessCredentialsHelper } from './credentials';
export type {
	CredentialInput,
	CredentialTypeInput,
	CredentialUpdate,
	PreAuthenticationCall,
	StoredCredential,
} from './credentials';
export {
	DEFAULT_PACKAGE_NAME,
	MANUAL_TRIGGER_TYPE,
	NO_OP_TYPE,
	STICKY_NOTE_TYPE,
	ManualTriggerStandIn,
	NoOpStandIn,
	StickyNoteStandIn,
} from './node-types';
export type { NodeTypeInput } from './node-types';
export { cleanupHarness, ensureHarnessEnvironment } from './environment';
export { testCredential } from './credential-test';
export { assertNoSecretsInUrls, secretsInUrl, secretValuesOf } from './request-urls';
export { webhookTrigger } from './webhook-trigger';
export type { DeliveryAnswer, DeliveryRequest, WebhookTrigger, WebhookTriggerOptions } from './webhook-trigger';
