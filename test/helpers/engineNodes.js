'use strict';
/**
 * The node types test/helpers/engine.js runs: the built I'mport and PortOne nodes (from dist/), each
 * also as an AI agent's tool, and a pass-through start node; and which node type, credential type
 * and names a workflow uses per API. Required by engine.js once its environment and logger are set.
 */
const path = require('node:path');

const DIST = path.join(__dirname, '..', '..', 'dist');
const { Iamport } = require(path.join(DIST, 'nodes/Iamport/Iamport.node.js'));
const { PortOne } = require(path.join(DIST, 'nodes/PortOne/PortOne.node.js'));

const IAMPORT_TYPE = 'n8n-nodes-iamport.iamport';
const PORTONE_TYPE = 'n8n-nodes-iamport.portOne';
/** The node under test, its credential type and the name the workflow gives it, per API. */
const APIS = {
	iamport: {
		type: IAMPORT_TYPE,
		credential: 'iamportApi',
		name: "I'mport",
		credentialName: "i'mport simulator",
	},
	portone: {
		type: PORTONE_TYPE,
		credential: 'portOneApi',
		name: 'PortOne',
		credentialName: 'PortOne simulator',
	},
};
const START_TYPE = 'test.start';

/** Emits the items it was started with, like a trigger handing items to the next node. */
class StartNode {
	description = {
		displayName: 'Start',
		name: 'start',
		group: ['input'],
		version: 1,
		description: 'Test start node',
		defaults: { name: 'Start' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};

	async execute() {
		return [this.getInputData()];
	}
}

// The same node as an AI agent's tool: n8n names the type <node>Tool (see n8n-workflow isToolType).
const nodeTypeInstances = {
	[IAMPORT_TYPE]: new Iamport(),
	[`${IAMPORT_TYPE}Tool`]: new Iamport(),
	[PORTONE_TYPE]: new PortOne(),
	[`${PORTONE_TYPE}Tool`]: new PortOne(),
	[START_TYPE]: new StartNode(),
};
const nodeTypes = {
	getByName: (type) => nodeTypeInstances[type],
	getByNameAndVersion: (type) => nodeTypeInstances[type],
	getKnownTypes: () => ({}),
};

module.exports = { DIST, APIS, START_TYPE, nodeTypes };
