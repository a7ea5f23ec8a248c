'use strict';
/**
 * Part of e2e/n8n.js: reading n8n's SQLite database directly (e2e/queue.js reads the executions
 * every process saved to the shared one), with the sqlite3 module of the cached n8n.
 */
const path = require('node:path');
const { CACHE_DIR } = require('./config');

/** Rows of a query on n8n's SQLite database (read-only), with the sqlite3 module of the cached n8n. */
function sqliteQuery(database, sql) {
	const sqlite3 = require(path.join(CACHE_DIR, 'node_modules', 'sqlite3'));
	return new Promise((resolve, reject) => {
		const db = new sqlite3.Database(database, sqlite3.OPEN_READONLY, (error) => {
			if (error) reject(error);
		});
		db.all(sql, (error, rows) => {
			db.close();
			if (error) reject(error);
			else resolve(rows);
		});
	});
}

module.exports = { sqliteQuery };
