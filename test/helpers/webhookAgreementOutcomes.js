'use strict';
/**
 * The outcomes the signature agreement cases (webhookAgreementCases.js) expect from our
 * verifySignature and from @portone/server-sdk: both verify, both refuse, or one of the documented
 * disagreements.
 */

const OK = 'verified';
/** The documented disagreements: [what we answer, what the SDK answers]. */
const DISAGREEMENTS = {
	// The SDK's parseInt reads "1714039200x", "+…", " …" as the number; we accept digits only.
	strict_timestamp: ['bad_timestamp', OK],
	// Node joins a repeated header with ", "; the SDK reads the joined value as more entries.
	joined_repeat_header: ['duplicated_headers', OK],
	// atob skips a tab inside base64; we do not treat whitespace as part of a signature.
	whitespace_in_base64: ['no_matching_signature', OK],
	// The signature matches, then the SDK's final JSON.parse throws on a form body (2024-01-01 allows form).
	form_body_json_parse: [OK, 'SyntaxError'],
};

const good = (d) =>
	d.format === 'form' ? ['form_body_json_parse', OK, 'SyntaxError'] : [null, OK, OK];
const bothRefuse = (ours, sdk) => () => [null, ours, sdk];
/** A delivery that only our rules refuse (in JSON; the SDK refuses a form body anyway). */
const strictOnly = (kind) => (d) => {
	const [ours, sdk] = DISAGREEMENTS[kind];
	return d.format === 'form' ? [null, ours, 'SyntaxError'] : [kind, ours, sdk];
};

module.exports = { OK, DISAGREEMENTS, good, bothRefuse, strictOnly };
