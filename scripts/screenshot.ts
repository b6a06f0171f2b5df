/**
 * Screenshot of a workflow in a running n8n editor (e.g. the one `npm start` runs), taken with
 * headless Chromium over the DevTools protocol: signs in through the login form like a user,
 * opens the workflow and saves a PNG. Tooling for docs/screenshots/; needs a Chromium binary
 * (Debian: apt-get install chromium).
 *
 *   tsx scripts/screenshot.ts --workflow=NcTlxOrderToInv1 --out=docs/screenshots/template-order-to-invoice.png
 *   options: --base=http://localhost:5678  --chromium=/usr/bin/chromium  --width=1600 --height=900
 *            --execute (click "Execute workflow" and wait for the run to finish; fails if a node fails)
 *            --trigger="Click to try: sample order" (with --execute: run from this trigger)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import { request, WebSocket } from 'undici';

import { freePort, OWNER } from './n8n-local';

interface Options {
	base: string;
	workflow: string;
	out: string;
	chromium: string;
	width: number;
	height: number;
	/** Click "Execute workflow" first and wait until the run has finished. */
	execute: boolean;
	/** With --execute: the trigger to run from (the editor preselects webhook/schedule triggers). */
	trigger?: string;
}

function parseArgs(argv: string[]): Options {
	const options: Partial<Options> = {
		base: 'http://localhost:5678',
		chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		width: 1600,
		height: 900,
		execute: false,
	};
	for (const arg of argv) {
		const [flag, value] = arg.split('=', 2);
		if (flag === '--base') options.base = value;
		else if (flag === '--workflow') options.workflow = value;
		else if (flag === '--out') options.out = resolve(value);
		else if (flag === '--chromium') options.chromium = value;
		else if (flag === '--width') options.width = Number(value);
		else if (flag === '--height') options.height = Number(value);
		else if (flag === '--execute') options.execute = true;
		else if (flag === '--trigger') options.trigger = value;
		else throw new Error(`unknown option ${arg}`);
	}
	if (!options.workflow || !options.out) throw new Error('--workflow=ID and --out=FILE.png are required');
	return options as Options;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Cdp {
	private nextId = 1;
	private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
	private readonly listeners: Array<(method: string, params: unknown) => void> = [];

	private constructor(private readonly socket: WebSocket) {
		socket.addEventListener('message', (event) => {
			const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: unknown };
			if (message.id !== undefined) {
				const waiter = this.pending.get(message.id);
				this.pending.delete(message.id);
				if (message.error) waiter?.reject(new Error(message.error.message));
				else waiter?.resolve(message.result);
			} else if (message.method) {
				for (const listener of this.listeners) listener(message.method, message.params);
			}
		});
	}

	static async connect(url: string): Promise<Cdp> {
		const socket = new WebSocket(url);
		await new Promise<void>((resolvePromise, reject) => {
			socket.addEventListener('open', () => resolvePromise());
			socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)));
		});
		return new Cdp(socket);
	}

	async send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}): Promise<T> {
		const id = this.nextId++;
		const result = new Promise<T>((resolvePromise, reject) => this.pending.set(id, { resolve: resolvePromise as (v: unknown) => void, reject }));
		this.socket.send(JSON.stringify({ id, method, params }));
		return await result;
	}

	async evaluate<T>(expression: string): Promise<T> {
		const { result } = await this.send<{ result: { value: T } }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
		return result.value;
	}

	async waitFor(expression: string, timeoutMs = 30_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!(await this.evaluate<boolean>(`Boolean(${expression})`))) {
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
			await sleep(250);
		}
	}

	/** A real mouse click in the middle of the element the expression returns. */
	async click(elementExpression: string): Promise<void> {
		const box = await this.evaluate<{ x: number; y: number } | null>(
			`(() => { const el = ${elementExpression}; if (!el) return null; const r = el.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`,
		);
		if (!box) throw new Error(`nothing to click: ${elementExpression}`);
		for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased']) {
			await this.send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
		}
	}

	close(): void {
		this.socket.close();
	}
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	const port = await freePort();
	const profile = mkdtempSync(join(tmpdir(), 'n8n-screenshot-'));
	const chromium = spawn(
		options.chromium,
		[
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			`--user-data-dir=${profile}`,
			`--remote-debugging-port=${port}`,
			`--window-size=${options.width},${options.height}`,
			'about:blank',
		],
		{ stdio: 'ignore' },
	);
	try {
		let pageUrl: string | undefined;
		for (let attempt = 0; attempt < 60 && !pageUrl; attempt++) {
			try {
				const res = await request(`http://127.0.0.1:${port}/json/list`);
				const targets = (await res.body.json()) as Array<{ type: string; webSocketDebuggerUrl: string }>;
				pageUrl = targets.find((t) => t.type === 'page')?.webSocketDebuggerUrl;
			} catch {
				/* not up yet */
			}
			if (!pageUrl) await sleep(250);
		}
		if (!pageUrl) throw new Error('Chromium did not open a page');
		const cdp = await Cdp.connect(pageUrl);
		await cdp.send('Page.enable');
		await cdp.send('Emulation.setDeviceMetricsOverride', { width: options.width, height: options.height, deviceScaleFactor: 1, mobile: false });

		// Sign in through the form, as a user would.
		await cdp.send('Page.navigate', { url: `${options.base}/signin` });
		await cdp.waitFor("document.querySelector('input[type=email], input[name=emailOrLdapLoginId], input[name=email]')");
		await cdp.evaluate(`(() => {
			const set = (el, value) => {
				const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
				setter.call(el, value);
				el.dispatchEvent(new Event('input', { bubbles: true }));
				el.dispatchEvent(new Event('change', { bubbles: true }));
			};
			set(document.querySelector('input[type=email], input[name=emailOrLdapLoginId], input[name=email]'), ${JSON.stringify(OWNER.email)});
			set(document.querySelector('input[type=password]'), ${JSON.stringify(OWNER.password)});
			return true;
		})()`);
		await cdp.evaluate(`(() => {
			const button = [...document.querySelectorAll('button')].find((b) => /sign in/i.test(b.textContent || '')) || document.querySelector('button[type=submit]');
			button.click();
			return true;
		})()`);
		await cdp.waitFor("!location.pathname.startsWith('/signin')");

		await cdp.send('Page.navigate', { url: `${options.base}/workflow/${options.workflow}` });
		await cdp.waitFor("document.querySelectorAll('[data-test-id=canvas-node]').length > 0", 60_000);
		await sleep(3000); // let the canvas fit and fonts settle
		// Close any popup or toast that would cover the canvas.
		await cdp.evaluate("document.querySelectorAll('.el-notification__closeBtn, .el-message-box__headerbtn').forEach((b) => b.click()); true");
		await sleep(500);
		if (options.execute) {
			if (options.trigger) {
				// Run from the trigger chosen in the button's dropdown (real mouse clicks: the menu opens on pointer events).
				await cdp.click("document.querySelector('button[aria-label=\"Select trigger node\"]')");
				const item = `document.querySelector('[data-test-id=${JSON.stringify(`action-${options.trigger}`)}]')`;
				await cdp.waitFor(item, 10_000);
				await cdp.click(item);
				await sleep(1000);
				const label = await cdp.evaluate<string>("document.querySelector('[data-test-id=execute-workflow-button]').textContent");
				if (!label.includes(options.trigger.slice(0, 12))) throw new Error(`could not choose the trigger "${options.trigger}" (button says "${label}")`);
			}
			await cdp.evaluate("document.querySelector('[data-test-id=execute-workflow-button]').click(); true");
			await cdp.waitFor("document.querySelectorAll('[data-test-id=canvas-node-status-success]').length > 0", 60_000);
			await cdp.waitFor("!document.querySelector('[data-test-id=canvas-node-status-running], [data-test-id=canvas-node-status-waiting]')", 120_000);
			await sleep(1500);
			const failed = await cdp.evaluate<number>("document.querySelectorAll('[data-test-id=canvas-node-status-error]').length");
			if (failed) throw new Error(`${failed} node(s) failed in the editor run`);
		}
		const { data } = await cdp.send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
		mkdirSync(dirname(options.out), { recursive: true });
		writeFileSync(options.out, Buffer.from(data, 'base64'));
		cdp.close();
		console.log(`screenshot: ${options.out}`);
	} finally {
		chromium.kill('SIGTERM');
		await sleep(300);
		rmSync(profile, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(`screenshot: ${(error as Error).message}`);
	process.exit(1);
});
