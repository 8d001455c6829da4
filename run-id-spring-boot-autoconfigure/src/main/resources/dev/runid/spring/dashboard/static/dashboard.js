// run-id dashboard: plain JavaScript, no framework, no build step.
// Every value that comes from the registry is user data (attribute values, error
// messages, names): it only ever reaches the page as textContent or a text node,
// never as HTML.
'use strict';

(function () {
	const POLL_MILLIS = 2000;
	const TREE_DEPTH = 4;
	const TREE_NODES = 100;
	const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED'];
	const SERVICE_COLOURS = ['#5b6bd6', '#d68a1f', '#2b9a8f', '#a34fc2', '#c24f7a', '#4f8fc2', '#7a8f2b'];

	const app = document.getElementById('app');
	const refreshed = document.getElementById('refreshed');
	const basePath = new URL(document.baseURI).pathname;

	// Builds an element; strings among the children become text nodes.
	function h(tag, props, ...children) {
		const node = document.createElement(tag);
		if (props) {
			for (const [key, value] of Object.entries(props)) {
				if (value === null || value === undefined) {
					continue;
				}
				if (key === 'text') {
					node.textContent = String(value);
				}
				else if (key === 'class') {
					node.className = value;
				}
				else if (key === 'data') {
					for (const [name, data] of Object.entries(value)) {
						node.dataset[name] = String(data);
					}
				}
				else if (key.startsWith('on')) {
					node.addEventListener(key.slice(2), value);
				}
				else {
					node.setAttribute(key, String(value));
				}
			}
		}
		for (const child of children.flat(Infinity)) {
			if (child === null || child === undefined || child === false) {
				continue;
			}
			node.append(child instanceof Node ? child : document.createTextNode(String(child)));
		}
		return node;
	}

	function runHref(id) {
		return 'runs/' + encodeURIComponent(id);
	}

	function statusClass(status) {
		return STATUSES.includes(status) ? 'status-' + status.toLowerCase() : 'status-unknown';
	}

	function statusBadge(status, id) {
		return h('span', { class: 'status ' + statusClass(status), id: id, text: status });
	}

	function millis(iso) {
		// the registry may write nanoseconds; Date takes milliseconds
		return Date.parse(String(iso).replace(/(\.\d{3})\d+/, '$1'));
	}

	function pad(number) {
		return String(number).padStart(2, '0');
	}

	function formatTime(iso) {
		if (!iso) {
			return '—';
		}
		const date = new Date(millis(iso));
		return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' '
			+ pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
	}

	function formatDuration(ms) {
		ms = Math.max(0, ms);
		if (ms < 1000) {
			return Math.round(ms) + ' ms';
		}
		if (ms < 60000) {
			return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
		}
		const seconds = Math.round(ms / 1000);
		if (seconds < 3600) {
			return Math.floor(seconds / 60) + ' min ' + (seconds % 60) + ' s';
		}
		return Math.floor(seconds / 3600) + ' h ' + Math.floor((seconds % 3600) / 60) + ' min';
	}

	function runDuration(run) {
		const end = run.endedAt ? millis(run.endedAt) : Date.now();
		return formatDuration(end - millis(run.startedAt)) + (run.endedAt ? '' : ' so far');
	}

	function formatCount(value) {
		return Number(value).toLocaleString('en-US');
	}

	async function getJson(url) {
		const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
		if (response.status === 404) {
			return { found: false };
		}
		if (!response.ok) {
			throw new Error('HTTP ' + response.status);
		}
		return { found: true, body: await response.json() };
	}

	function markRefreshed() {
		refreshed.textContent = 'updated ' + new Date().toLocaleTimeString('en-GB');
	}

	// ---- the list of runs ----

	function showList() {
		const params = new URLSearchParams(location.search);
		const requestedLimit = Number(params.get('limit'));
		const state = {
			status: STATUSES.includes(params.get('status')) ? params.get('status') : '',
			search: (params.get('q') || '').trim(),
			limit: (requestedLimit >= 1 && requestedLimit <= 500) ? Math.floor(requestedLimit) : 50,
			cursor: '',
			previous: [],
			next: null,
		};
		let timer = null;
		let generation = 0;
		document.title = 'Runs · run-id';

		const statusFilter = h('select', { id: 'status-filter', 'aria-label': 'Status' },
			h('option', { value: '', text: 'All statuses' }),
			STATUSES.map((status) => h('option', { value: status, text: status.charAt(0) + status.slice(1).toLowerCase() })));
		statusFilter.value = state.status;
		const search = h('input', { id: 'search', type: 'search', placeholder: 'Run ID or the start of one',
			'aria-label': 'Find a run by ID or ID prefix', autocomplete: 'off', spellcheck: 'false' });
		search.value = state.search;
		const live = h('input', { id: 'live', type: 'checkbox' });
		live.checked = true;
		const rows = h('tbody');
		const message = h('p', { id: 'runs-message', class: 'muted' });
		const newest = h('button', { id: 'newest', type: 'button', text: '« Newest' });
		const newer = h('button', { id: 'newer', type: 'button', text: '‹ Newer' });
		const older = h('button', { id: 'older', type: 'button', text: 'Older ›' });
		const pageInfo = h('span', { id: 'page-info', class: 'muted' });

		app.replaceChildren(
			h('h1', { text: 'Runs' }),
			h('div', { class: 'card' },
				h('div', { class: 'controls' }, statusFilter, search,
					h('label', null, live, 'Live')),
			),
			h('div', { class: 'card' },
				h('table', { id: 'runs', class: 'runs' },
					h('thead', null, h('tr', null,
						['Status', 'Run', 'Name', 'Services', 'User', 'Started', 'Duration'].map((title) => h('th', { text: title })))),
					rows),
				message,
				h('div', { class: 'pager' }, newest, newer, older, pageInfo)));

		function restart() {
			state.cursor = '';
			state.previous = [];
			const query = new URLSearchParams();
			if (state.status) {
				query.set('status', state.status);
			}
			if (state.search) {
				query.set('q', state.search);
			}
			if (params.get('limit')) {
				query.set('limit', String(state.limit));
			}
			const search = query.toString();
			history.replaceState(null, '', search ? '?' + search : location.pathname);
			load();
		}

		statusFilter.addEventListener('change', () => {
			state.status = statusFilter.value;
			restart();
		});
		let typing = null;
		search.addEventListener('input', () => {
			clearTimeout(typing);
			typing = setTimeout(() => {
				state.search = search.value.trim();
				restart();
			}, 250);
		});
		live.addEventListener('change', load);
		newest.addEventListener('click', () => {
			state.cursor = '';
			state.previous = [];
			load();
		});
		newer.addEventListener('click', () => {
			state.cursor = state.previous.pop() || '';
			load();
		});
		older.addEventListener('click', () => {
			if (state.next) {
				state.previous.push(state.cursor);
				state.cursor = state.next;
				load();
			}
		});
		document.addEventListener('visibilitychange', () => {
			if (!document.hidden && live.checked) {
				load();
			}
		});

		async function load() {
			const current = ++generation;
			clearTimeout(timer);
			const query = new URLSearchParams({ limit: String(state.limit) });
			if (state.status) {
				query.set('status', state.status);
			}
			if (state.search) {
				query.set('q', state.search);
			}
			if (state.cursor) {
				query.set('cursor', state.cursor);
			}
			try {
				const result = await getJson('api/runs?' + query);
				if (current !== generation) {
					return;
				}
				render(result.body);
				markRefreshed();
			}
			catch (error) {
				if (current !== generation) {
					return;
				}
				message.className = 'error';
				message.textContent = 'Could not load the runs (' + error.message + ').';
			}
			if (current === generation && live.checked && !document.hidden) {
				timer = setTimeout(load, POLL_MILLIS);
			}
		}

		let shown = null;

		function render(page) {
			state.next = page.next;
			const key = state.cursor + ' ' + JSON.stringify(page);
			if (key === shown) {
				// unchanged: keep the rows (and what the user points at), update the clocks
				for (const run of page.runs.filter((candidate) => !candidate.endedAt)) {
					const row = [...rows.children].find((candidate) => candidate.dataset.runId === run.id);
					if (row) {
						row.querySelector('.duration').textContent = runDuration(run);
					}
				}
			}
			else {
				shown = key;
				rows.replaceChildren(...page.runs.map(runRow));
			}
			message.className = 'muted';
			message.textContent = page.runs.length ? ''
				: (state.status || state.search) ? 'No run matches.' : 'No runs recorded yet.';
			newest.disabled = !state.cursor;
			newer.disabled = !state.cursor;
			older.disabled = !page.next;
			pageInfo.textContent = 'page ' + (state.previous.length + 1);
		}

		load();
	}

	function runRow(run) {
		return h('tr', { data: { runId: run.id, status: run.status } },
			h('td', null, statusBadge(run.status)),
			h('td', null, h('a', { class: 'run-id', href: runHref(run.id), text: run.id }),
				run.parentId ? h('span', { class: 'child-mark', title: 'child of ' + run.parentId, text: '↳ child' }) : null),
			h('td', { class: 'name mono', text: run.name }),
			h('td', { class: 'services', text: (run.services || []).join(' → ') }),
			h('td', { class: 'user', text: run.user || '' }),
			h('td', { title: run.startedAt, text: formatTime(run.startedAt) }),
			h('td', { class: 'duration', text: runDuration(run) }));
	}

	// ---- one run ----

	function showRun(id) {
		document.title = 'Run ' + id + ' · run-id';
		const back = () => h('p', null, h('a', { id: 'back', href: './', text: '← All runs' }));

		async function load() {
			let result;
			try {
				result = await getJson('api/runs/' + encodeURIComponent(id));
			}
			catch (error) {
				app.replaceChildren(back(), h('p', { class: 'error', text: 'Could not load run ' + id + ' (' + error.message + ').' }));
				setTimeout(load, POLL_MILLIS * 2);
				return;
			}
			if (!result.found) {
				app.replaceChildren(back(), h('h1', { text: 'Run not found' }),
					h('p', { id: 'not-found', class: 'muted', text: 'No run with the ID ' + id + ' is recorded in this registry.' }));
				return;
			}
			const run = result.body;
			const tree = await childTree(run, 0, { left: TREE_NODES });
			renderRun(run, tree, back());
			markRefreshed();
			if (run.status === 'RUNNING' || anyRunning(tree)) {
				setTimeout(load, POLL_MILLIS);
			}
		}

		load();
	}

	async function childTree(run, depth, budget) {
		const nodes = [];
		for (const child of run.children || []) {
			if (budget.left <= 0) {
				nodes.push({ child: child, record: null, children: [], cut: true });
				break;
			}
			budget.left--;
			nodes.push({ child: child, record: null, children: [], cut: false });
		}
		await Promise.all(nodes.filter((node) => !node.cut).map(async (node) => {
			try {
				const result = await getJson('api/runs/' + encodeURIComponent(node.child.id));
				if (result.found) {
					node.record = result.body;
					if (depth + 1 < TREE_DEPTH) {
						node.children = await childTree(result.body, depth + 1, budget);
					}
				}
			}
			catch (error) {
				// the child shows with the status its parent's record gives
			}
		}));
		return nodes;
	}

	function anyRunning(nodes) {
		return nodes.some((node) => (node.record ? node.record.status : node.child.status) === 'RUNNING' || anyRunning(node.children));
	}

	function renderRun(run, tree, back) {
		const failed = run.segments.filter((segment) => segment.status === 'FAILED');
		app.replaceChildren(
			back,
			h('div', { class: 'run-head' },
				h('h1', null, 'Run ', h('code', { id: 'run-id', text: run.id })),
				statusBadge(run.status, 'run-status')),
			h('div', { class: 'card' },
				h('dl', { class: 'facts' },
					fact('Started', formatTime(run.startedAt), 'started', run.startedAt),
					fact('Ended', run.endedAt ? formatTime(run.endedAt) : 'still running', 'ended', run.endedAt),
					fact('Duration', runDuration(run), 'duration'),
					fact('Services', [...new Set(run.segments.map((segment) => segment.service))].join(' → '), 'services'),
					h('div', null, h('dt', { text: 'Parent run' }),
						h('dd', { id: 'parent' }, run.parentId
							? h('a', { class: 'run-id', href: runHref(run.parentId), text: '↑ ' + run.parentId })
							: '—')))),
			...(failed.length ? [h('section', { id: 'errors', class: 'card' }, h('h2', { text: 'Error' }), failed.map(errorBox))] : []),
			h('section', { class: 'card' }, h('h2', { text: 'Usage' }), usage(run.usage)),
			h('section', { class: 'card' }, h('h2', { text: 'Attributes' }), attributes(run.attributes || {})),
			h('section', { class: 'card' }, h('h2', { text: 'Timeline' }), timeline(run)),
			h('section', { class: 'card' }, h('h2', { text: 'Child runs' }),
				tree.length ? h('ul', { id: 'children', class: 'tree' }, tree.map(treeNode))
					: h('p', { id: 'no-children', class: 'muted', text: 'No child runs.' })));
	}

	function fact(label, value, id, title) {
		return h('div', null, h('dt', { text: label }), h('dd', { id: id, title: title, text: value }));
	}

	function errorBox(segment) {
		const where = segment.service + ' · ' + segment.name;
		if (!segment.error) {
			return h('div', { class: 'error-box' }, h('div', { class: 'error-where', text: where }),
				h('div', { class: 'error-type', text: segment.httpStatus ? 'HTTP ' + segment.httpStatus : 'failed' }));
		}
		return h('div', { class: 'error-box' },
			h('div', { class: 'error-where muted', text: where }),
			h('div', { class: 'error-type', text: segment.error.type }),
			h('pre', { class: 'error-message', text: segment.error.message }));
	}

	function usage(value) {
		if (!value) {
			return h('p', { id: 'usage', class: 'muted', text: 'No LLM usage recorded.' });
		}
		const tile = (label, count, id) => h('div', { class: 'tile' },
			h('div', { class: 'value', id: id, text: formatCount(count) }), h('div', { class: 'label', text: label }));
		return h('div', { id: 'usage', class: 'usage' },
			tile('LLM calls', value.llmCalls, 'llm-calls'),
			tile('Input tokens', value.inputTokens, 'input-tokens'),
			tile('Output tokens', value.outputTokens, 'output-tokens'));
	}

	function attributes(values) {
		const keys = Object.keys(values).sort();
		if (!keys.length) {
			return h('p', { id: 'attributes', class: 'muted', text: 'No attributes.' });
		}
		return h('table', { id: 'attributes', class: 'attributes' },
			h('tbody', null, keys.map((key) => h('tr', { data: { key: key } },
				h('th', { text: key }), h('td', { text: values[key] })))));
	}

	function timeline(run) {
		const now = Date.now();
		const segments = run.segments;
		if (!segments.length) {
			return h('p', { class: 'muted', text: 'No segments.' });
		}
		const start = Math.min(millis(run.startedAt), ...segments.map((segment) => millis(segment.startedAt)));
		const end = Math.max(run.endedAt ? millis(run.endedAt) : now,
			...segments.map((segment) => segment.endedAt ? millis(segment.endedAt) : now));
		const span = Math.max(end - start, 1);
		const services = [...new Set(segments.map((segment) => segment.service))];
		const axis = h('div', { class: 'axis' }, [0, 0.25, 0.5, 0.75, 1].map((fraction) => {
			const tick = h('span', { class: 'tick', text: formatDuration(span * fraction) });
			tick.style.left = (fraction * 100) + '%';
			return tick;
		}));
		const rows = segments.map((segment) => {
			const from = millis(segment.startedAt) - start;
			const length = (segment.endedAt ? millis(segment.endedAt) : now) - millis(segment.startedAt);
			const bar = h('div', { class: 'bar ' + statusClass(segment.status),
				title: segment.status + ', ' + formatDuration(length) + ', from +' + formatDuration(from) },
			h('span', { class: 'bar-text', text: formatDuration(length) + (segment.endedAt ? '' : ' so far') }));
			bar.style.left = (from / span * 100) + '%';
			bar.style.width = Math.max(length / span * 100, 0.3) + '%';
			const label = h('div', { class: 'label', title: segment.service + ' @ ' + segment.instance },
				h('span', { class: 'service', text: segment.service }),
				h('span', { class: 'kind', text: segment.kind + (segment.httpStatus ? ' ' + segment.httpStatus : '') }),
				h('span', { class: 'name', text: segment.name }));
			label.style.setProperty('--service', SERVICE_COLOURS[services.indexOf(segment.service) % SERVICE_COLOURS.length]);
			return h('div', { class: 'segment', data: { service: segment.service, kind: segment.kind, status: segment.status } },
				label, h('div', { class: 'track' }, bar));
		});
		return h('div', { id: 'timeline', class: 'timeline' }, axis, rows);
	}

	function treeNode(node) {
		const record = node.record;
		const status = record ? record.status : node.child.status;
		const detail = record && record.segments.length
			? record.segments[0].name + ' · ' + runDuration(record) : null;
		return h('li', { class: 'child', data: { runId: node.child.id } },
			statusBadge(status), ' ',
			h('a', { class: 'run-id', href: runHref(node.child.id), text: node.child.id }),
			detail ? h('span', { class: 'detail', text: detail }) : null,
			node.cut ? h('span', { class: 'detail', text: '(more child runs not shown)' }) : null,
			node.children.length ? h('ul', null, node.children.map(treeNode)) : null);
	}

	// ---- routing: {path}/ is the list, {path}/runs/{id} a run ----

	const route = location.pathname.startsWith(basePath) ? location.pathname.slice(basePath.length) : '';
	const match = /^runs\/([^/]+)$/.exec(route);
	if (match) {
		let id;
		try {
			id = decodeURIComponent(match[1]);
		}
		catch (error) {
			id = match[1];
		}
		showRun(id);
	}
	else {
		showList();
	}
})();
