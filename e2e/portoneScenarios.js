'use strict';
/**
 * What e2e/portone.js checks after running each V2 example in a real n8n: what came out of every
 * branch and what reached the V2 simulator. Each scenario runs `runs` times on one simulator, as a
 * user running it again; `verify(executions, simulator, step, { boundary })` sees all of them,
 * `boundary` being where the second execution's requests start in the simulator's log.
 */
const { output } = require('./portoneScenarioReaders');

const SCENARIOS = [require('./portoneRefundSheetScenario'), require('./portoneNightlyScenario')];

module.exports = { SCENARIOS, output };
