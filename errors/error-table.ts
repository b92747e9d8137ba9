/**
 * Every failure Nudge reports, in one table (after @fastify/error's
 * `createError(code, message, status)` and TypeScript's
 * diagnosticMessages.json): its message template with named {placeholders},
 * the HTTP status an API answer carries, the exit code of the CLI, the
 * anchor of its section in docs/errors.md, and how to fix it where the
 * template does not already say. A new failure gets a row here first; the
 * NUDGE0xx author diagnostics have their own rule table (dsl/validate).
 *
 * Exit codes: 1 the sequences or the run failed, 2 the call or its input
 * was wrong. `{ name: ... }` with spaces is literal text, not a placeholder.
 */
export interface ErrorEntry {
  message: string;
  status: number;
  exitCode: 1 | 2;
  /** The section of docs/errors.md (GitHub's anchor of its heading). */
  anchor: string;
  /** How to fix it, when the message does not say. */
  fix?: string;
}

const entry = <M extends string>(code: string, message: M, status: number, exitCode: 1 | 2, fix?: string) =>
  ({ message, status, exitCode, anchor: code.toLowerCase(), ...(fix ? { fix } : {}) }) as { message: M; status: number; exitCode: 1 | 2; anchor: string; fix?: string };

export const errorTable = {
  // The HTTP API (public codes: clients branch on them).
  NUDGE_ERR_VALIDATION: entry('NUDGE_ERR_VALIDATION', '{problem}', 400, 2, 'Send the request in the shape the OpenAPI document at /docs/json describes.'),
  NUDGE_ERR_INVALID_JSON: entry('NUDGE_ERR_INVALID_JSON', 'The body is not valid JSON.', 400, 2, 'Check the body: strings and keys in double quotes, no trailing commas.'),
  NUDGE_ERR_UNSUPPORTED_MEDIA_TYPE: entry('NUDGE_ERR_UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json (forms also accept application/x-www-form-urlencoded).', 415, 2),
  NUDGE_ERR_BAD_REQUEST: entry('NUDGE_ERR_BAD_REQUEST', '{problem}', 400, 2, 'The message says what the server refused (a malformed URL, a path segment too long); the status is the one Fastify gives it.'),
  NUDGE_ERR_UNAUTHORIZED: entry('NUDGE_ERR_UNAUTHORIZED', '{problem}: send the API token as `Authorization: Bearer <token>` (it is in .nudge/token, the config file or NUDGE_TOKEN).', 401, 2),
  NUDGE_ERR_NOT_FOUND: entry('NUDGE_ERR_NOT_FOUND', '{problem}', 404, 2, 'Check the URL and the id in it; the routes are listed at /docs/json.'),
  NUDGE_ERR_LINK_EXPIRED: entry('NUDGE_ERR_LINK_EXPIRED', 'This link has expired.', 410, 2, 'Links in emails stop working a while after the email was sent (tracking.linkExpiry in nudge.config.json, default 365d); the reader should use a newer email.'),
  NUDGE_ERR_UNKNOWN_CONTACT: entry('NUDGE_ERR_UNKNOWN_CONTACT', 'No contact with id "{id}": create it first (POST /contacts) or check the id.', 404, 2),
  NUDGE_ERR_UNKNOWN_SEQUENCE: entry('NUDGE_ERR_UNKNOWN_SEQUENCE', 'No published sequence "{id}". {published}', 404, 2),
  NUDGE_ERR_UNKNOWN_FORM: entry('NUDGE_ERR_UNKNOWN_FORM', 'No published sequence starts or stops on form "{formId}".', 404, 2, "Check the form id against the sequences' formSubmitted() goals, and that their files are in the served folder."),
  NUDGE_ERR_BAD_EMAIL: entry('NUDGE_ERR_BAD_EMAIL', '{where}: email {problem}.', 400, 2, 'Send one plain address (ann@example.com): no name, no <...>, no list.'),
  NUDGE_ERR_FORM_FIELD: entry('NUDGE_ERR_FORM_FIELD', 'Form "{formId}" does not accept {fields}; it accepts email, {accepted}.', 400, 2, "Post only the form's fields, or declare the field in the form's defineForm({ fields }) and publish."),
  NUDGE_ERR_FORM_TAG: entry('NUDGE_ERR_FORM_TAG', 'Form "{formId}" may not apply tag {tags}; it may apply {accepted}.', 400, 2, "List the tag in the form's defineForm({ tags }) and publish, or stop sending it."),
  NUDGE_ERR_FORM_VALUE: entry('NUDGE_ERR_FORM_VALUE', 'Form "{formId}": {problem}.', 400, 2, 'Send a shorter value of the declared type, or raise maxLength in the form declaration.'),
  NUDGE_ERR_UNKNOWN_CUSTOM_FIELD: entry('NUDGE_ERR_UNKNOWN_CUSTOM_FIELD', 'body.custom.{name} is not a declared custom field{hint}: declare it with defineContact in a published sequence.', 400, 2),
  NUDGE_ERR_CUSTOM_FIELD_VALUE: entry('NUDGE_ERR_CUSTOM_FIELD_VALUE', 'body.custom.{name} {problem}.', 400, 2, 'Send a value of the type defineContact declares for the field, within its maxLength.'),
  NUDGE_ERR_RATE_LIMITED: entry('NUDGE_ERR_RATE_LIMITED', 'Too many requests from this address: at most {max} per {window}; try again in {retry}.', 429, 2, 'Wait and retry; the operator sets the limit with rateLimit in nudge.config.json.'),
  NUDGE_ERR_CONTACT_EXISTS: entry('NUDGE_ERR_CONTACT_EXISTS', 'A contact with id "{id}" exists already: update it with PATCH /contacts/{id}.', 409, 2),
  NUDGE_ERR_CLOCK_NOT_SIMULATED: entry('NUDGE_ERR_CLOCK_NOT_SIMULATED', 'This server runs on the wall clock; start it with --clock simulated to advance time.', 409, 2),
  NUDGE_ERR_CLOCK_BACKWARDS: entry('NUDGE_ERR_CLOCK_BACKWARDS', 'The clock only moves forward: {to} is before now ({now}).', 409, 2, 'Advance to an instant after the current one (GET /clock tells it).'),
  NUDGE_ERR_BODY_TOO_LARGE: entry('NUDGE_ERR_BODY_TOO_LARGE', 'Request body is larger than this server accepts; send less data per request.', 413, 2),
  NUDGE_ERR_BAD_BOUNCE_REPORT: entry('NUDGE_ERR_BAD_BOUNCE_REPORT', 'The body is not a bounce or complaint report: {problem}.', 400, 2, 'POST /webhooks/bounces takes JSON events or, as message/rfc822, one RFC 3464 delivery status notification or RFC 5965 abuse report as the mail system sent it.'),
  NUDGE_ERR_INTERNAL: entry('NUDGE_ERR_INTERNAL', 'Internal error (request {requestId}); the server log has the details.', 500, 1, 'A bug in Nudge: report it with the log lines of that request id.'),

  // Loading a sequence file (dsl/loader): reported at file:line:col.
  NUDGE_ERR_LOAD_SYNTAX: entry('NUDGE_ERR_LOAD_SYNTAX', '{problem}', 422, 1, 'Fix the syntax at the reported line; TypeScript (and the Problems panel) show the same spot.'),
  NUDGE_ERR_LOAD_DSL: entry('NUDGE_ERR_LOAD_DSL', '{problem}', 422, 1, 'The message names the DSL call and the accepted values; correct the call at the reported line.'),
  NUDGE_ERR_LOAD_THROW: entry('NUDGE_ERR_LOAD_THROW', '{errorName}: {problem}', 422, 1, 'The file threw while it was evaluated: fix the code at the reported line (or the helper it calls).'),
  NUDGE_ERR_LOAD_NO_EXPORT: entry('NUDGE_ERR_LOAD_NO_EXPORT', "exports no sequence: add `export default sequence('my-id', { name: ..., paths: [...] })` (or named exports).", 422, 1),
  NUDGE_ERR_LOAD_TIMEOUT: entry('NUDGE_ERR_LOAD_TIMEOUT', 'did not finish evaluating within {ms} ms: look for an endless loop or a long computation at the top level of the file (or in code it calls).', 422, 1),
  NUDGE_ERR_LOAD_CRASH: entry('NUDGE_ERR_LOAD_CRASH', 'the evaluation process ended unexpectedly ({how}){output}', 422, 1, 'Something in the file ends the process (process.exit(), a native module): remove it from the top level.'),

  // The command line and the files it reads.
  NUDGE_ERR_USAGE: entry('NUDGE_ERR_USAGE', '{problem}', 400, 2, 'Run `nudge <command> --help` for the arguments and options.'),
  NUDGE_ERR_BAD_TIME_ZONE: entry('NUDGE_ERR_BAD_TIME_ZONE', '{setting} {zone} is not an IANA time zone; write one like America/New_York.', 400, 2),
  NUDGE_ERR_BAD_INSTANT: entry('NUDGE_ERR_BAD_INSTANT', '{setting} {value} is not an ISO 8601 instant; write one like 2026-12-01T14:00:00Z.', 400, 2),
  NUDGE_ERR_CONFIG: entry('NUDGE_ERR_CONFIG', '{problem}', 500, 2, 'Correct nudge.config.json (or the file --config names); its keys are listed in the message when one is unknown.'),
  NUDGE_ERR_PUBLIC_URL: entry('NUDGE_ERR_PUBLIC_URL', '{problem} Set "publicUrl" in nudge.config.json to the https:// address contacts and mailbox providers reach this server at (unsubscribe and confirmation links use it).', 500, 2),
  NUDGE_ERR_TOKEN_FILE: entry('NUDGE_ERR_TOKEN_FILE', '{file} holds no usable token: delete it and start the runtime again (a new one is made).', 500, 2),
  NUDGE_ERR_WEAK_TOKEN: entry('NUDGE_ERR_WEAK_TOKEN', 'The API token from {source} is too weak: it {problem}. Use at least 32 random characters (for example the output of `openssl rand -base64 32`), or remove it to have one generated into .nudge/token.', 500, 2),
  NUDGE_ERR_LINK_KEY_FILE: entry('NUDGE_ERR_LINK_KEY_FILE', '{file} holds no usable link key (32 characters at least): delete it and start the runtime again (a new one is made; links in emails sent before stop working).', 500, 2),
  NUDGE_ERR_SCENARIO: entry('NUDGE_ERR_SCENARIO', '{problem}', 400, 2, 'Correct the scenario as the message says; its format is in docs/semantics.md.'),
  NUDGE_ERR_SCENARIO_FILE: entry('NUDGE_ERR_SCENARIO_FILE', 'Scenario file {file}: {problem}', 400, 2, 'Correct the scenario file as the message says; its format is in docs/semantics.md.'),
  NUDGE_ERR_CONTACT_FILE: entry('NUDGE_ERR_CONTACT_FILE', '{file}: {problem}', 400, 2),
  NUDGE_ERR_STORE_FILE: entry('NUDGE_ERR_STORE_FILE', 'Store file {file}: {problem} {howToFix}', 500, 2),
  NUDGE_ERR_INIT_EXISTS: entry('NUDGE_ERR_INIT_EXISTS', '{folder} already holds every file nudge init writes ({files}); nothing was written.', 409, 2, 'nudge init never overwrites: delete the files to write afresh, or name a new folder (`nudge init my-campaigns`).'),
  NUDGE_ERR_LISTEN: entry('NUDGE_ERR_LISTEN', 'Cannot listen on {address}: {reason}. Stop the program that holds it, or start with --port <another port> (--port 0 picks a free one).', 500, 2),
  NUDGE_ERR_NOT_BUILT: entry('NUDGE_ERR_NOT_BUILT', 'The bundled {part} {file} is missing: rebuild Nudge (npm run build) or reinstall the extension.', 500, 1),
  NUDGE_ERR_DKIM_KEY: entry('NUDGE_ERR_DKIM_KEY', 'DKIM private key {file} (dkim.privateKeyFile in {config}) cannot be used: {problem}.', 500, 2, 'Point dkim.privateKeyFile at a readable PEM private key (e.g. made with `openssl genrsa -out dkim.pem 2048`), or remove the dkim section to send unsigned.'),
  NUDGE_ERR_DELIVERY: entry('NUDGE_ERR_DELIVERY', '{problem}', 502, 1, 'A permanent failure is shown on the outbox item and not retried: correct the address or URL in the step; anything else is retried with backoff.'),

  // The VS Code extension.
  NUDGE_ERR_DRY_RUN_INPUT: entry('NUDGE_ERR_DRY_RUN_INPUT', '{problem}', 400, 2),
  NUDGE_ERR_RUNTIME_START: entry('NUDGE_ERR_RUNTIME_START', '{problem}', 500, 1, 'The Nudge Runtime log (Nudge: Show Runtime Log) has the last lines of `nudge serve`.'),
  NUDGE_ERR_RUNTIME_API: entry('NUDGE_ERR_RUNTIME_API', '{problem}', 502, 1, 'Check that the runtime on nudge.runtime.port is this workspace\'s `nudge serve`.'),
  NUDGE_ERR_PUBLISH_CLI: entry('NUDGE_ERR_PUBLISH_CLI', '{problem}', 500, 1, 'Run `nudge publish --dry-run` in a terminal to see the whole output.'),
  NUDGE_ERR_NO_FOLDER: entry('NUDGE_ERR_NO_FOLDER', "To {action}, open the folder that holds your .seq.ts files (File › Open Folder…); the runtime keeps its store and token in that folder's .nudge/.", 400, 2),
  NUDGE_ERR_NO_SEQUENCE_FILES: entry('NUDGE_ERR_NO_SEQUENCE_FILES', 'Cannot {action}: {folder} has no .seq.ts file, neither at its top level nor in its subfolders (node_modules and hidden folders are not searched). Create a sequence file (e.g. welcome.seq.ts) in it, or open the folder that holds yours.', 400, 2),
  NUDGE_ERR_DRY_RUN_FAILED: entry('NUDGE_ERR_DRY_RUN_FAILED', '{problem}', 500, 1, 'Run the dry run again; with fewer contacts or a shorter horizon if it ran out of time or memory.'),
  NUDGE_ERR_PUBLISH: entry('NUDGE_ERR_PUBLISH', '{problem}', 500, 1, 'The Nudge Runtime log (Nudge: Show Runtime Log) says what the runtime did with the saved files.'),
  NUDGE_ERR_TOKEN: entry('NUDGE_ERR_TOKEN', '{problem}', 500, 2, 'Restart the runtime (Nudge: Start Runtime): it writes its token again.'),
} as const;

export type ErrorCode = keyof typeof errorTable;

export const isErrorCode = (code: string): code is ErrorCode => Object.prototype.hasOwnProperty.call(errorTable, code);
