'use strict';
/**
 * Stand-ins that let a real n8n install this package "from npm" with no network: a minimal npm
 * registry on 127.0.0.1 serving the packed tarball, an HTTPS proxy on 127.0.0.1 that refuses every
 * tunnel (so nothing n8n asks of registry.npmjs.org or api.n8n.io leaves the machine), and an `npm`
 * put first on n8n's PATH that points npm's registry flag at the local registry.
 *
 * Why the `npm` stand-in: n8n 2.41.1 runs every npm command as
 * `npm <pack|view|install> … --registry=<N8N_COMMUNITY_PACKAGES_REGISTRY>`, and a registry other
 * than https://registry.npmjs.org needs an n8n licence with the custom-registry feature
 * (`getNpmRegistry()` in modules/community-packages/community-packages.service.js throws
 * FeatureNotLicensedError otherwise), so neither the npm config nor N8N_COMMUNITY_PACKAGES_REGISTRY
 * can reach a local registry on an unlicensed n8n. The stand-in rewrites exactly that one flag and
 * runs the real npm; n8n's own install code does everything else. It stands for "the package is
 * published on npm", which this one is not.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { npmCli } = require('./n8n');

const NPM_REGISTRY = 'https://registry.npmjs.org';

function listen(server) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
	});
}

function closer(server) {
	const sockets = new Set();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	return () =>
		new Promise((resolve) => {
			for (const socket of sockets) socket.destroy();
			server.close(() => resolve());
		});
}

/**
 * Serves one package version the way npm reads a registry: GET /<name> (the packument),
 * GET /<name>/<version|latest> (one manifest), GET /<name>/-/<file>.tgz (the tarball); 404 for
 * anything else. `log` keeps { method, url, command (npm's npm-command header), status }.
 */
async function startLocalRegistry(tarball) {
	const bytes = fs.readFileSync(tarball);
	const packageJson = JSON.parse(
		fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'),
	);
	const { name, version } = packageJson;
	const file = `${name}-${version}.tgz`;
	const log = [];
	let url;
	const manifest = () => ({
		...packageJson,
		_id: `${name}@${version}`,
		dist: {
			tarball: `${url}/${name}/-/${file}`,
			shasum: crypto.createHash('sha1').update(bytes).digest('hex'),
			integrity: `sha512-${crypto.createHash('sha512').update(bytes).digest('base64')}`,
		},
	});
	const server = http.createServer((req, res) => {
		const entry = { method: req.method, url: req.url, command: req.headers['npm-command'] };
		log.push(entry);
		const send = (status, body, type = 'application/json') => {
			entry.status = status;
			const data = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
			res.writeHead(status, { 'content-type': type, 'content-length': data.length });
			res.end(data);
		};
		const route = decodeURIComponent((req.url ?? '/').split('?')[0]);
		if (req.method !== 'GET') return send(405, { error: 'read-only registry' });
		if (route === `/${name}`)
			return send(200, {
				_id: name,
				name,
				'dist-tags': { latest: version },
				versions: { [version]: manifest() },
			});
		if (route === `/${name}/${version}` || route === `/${name}/latest`)
			return send(200, manifest());
		if (route === `/${name}/-/${file}`) return send(200, bytes, 'application/octet-stream');
		return send(404, { error: 'Not found' });
	});
	const stop = closer(server);
	url = await listen(server);
	return {
		url,
		name,
		version,
		log,
		/** tarball downloads so far */
		downloads: () => log.filter((e) => e.url.endsWith('.tgz') && e.status === 200).length,
		stop,
	};
}

/**
 * An HTTP proxy on 127.0.0.1 that answers every CONNECT (HTTPS tunnel) and every proxied request
 * with 403: given to n8n as HTTPS_PROXY, it keeps n8n's own registry and api.n8n.io requests on the
 * machine and records what was asked (`attempts`: "host:port").
 */
async function startRefusingProxy() {
	const attempts = [];
	const server = http.createServer((req, res) => {
		attempts.push(req.url);
		res.writeHead(403, { 'content-type': 'text/plain' });
		res.end('refused by the e2e proxy');
	});
	server.on('connect', (req, socket) => {
		attempts.push(req.url);
		socket.on('error', () => {});
		socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
	});
	const stop = closer(server);
	return { url: await listen(server), attempts, stop };
}

const shellQuote = (text) => `'${String(text).replace(/'/g, `'\\''`)}'`;

/**
 * Writes <dir>/npm: the real npm (this node, npmCli()) with `--registry=https://registry.npmjs.org`
 * replaced by `registryUrl`; each call appended to <dir>/calls.tsv as "<parent pid>\t<cwd>\t<args>"
 * (the parent is the n8n process that ran it). Returns { dir, calls() }.
 */
function writeNpmShim(dir, registryUrl) {
	fs.mkdirSync(dir, { recursive: true });
	const calls = path.join(dir, 'calls.tsv');
	fs.writeFileSync(calls, '');
	const script = `#!/bin/sh
# e2e only: n8n passes --registry=${NPM_REGISTRY} (an unlicensed n8n may not name another);
# point that flag at the local registry and run the real npm.
for arg do
	shift
	case $arg in
		--registry=${NPM_REGISTRY} | --registry=${NPM_REGISTRY}/) arg=--registry=${shellQuote(registryUrl)} ;;
	esac
	set -- "$@" "$arg"
done
printf '%s\\t%s\\t%s\\n' "$PPID" "$PWD" "$*" >> ${shellQuote(calls)}
exec ${shellQuote(process.execPath)} ${shellQuote(npmCli())} "$@"
`;
	fs.writeFileSync(path.join(dir, 'npm'), script, { mode: 0o755 });
	return {
		dir,
		calls: () =>
			fs
				.readFileSync(calls, 'utf8')
				.split('\n')
				.filter(Boolean)
				.map((line) => {
					const [ppid, cwd, args] = line.split('\t');
					return { ppid: Number(ppid), cwd, args };
				}),
	};
}

module.exports = { NPM_REGISTRY, startLocalRegistry, startRefusingProxy, writeNpmShim };
