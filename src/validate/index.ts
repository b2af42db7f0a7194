/**
 * Validation (from the main entry): RFC rule checks on decoded messages, as
 * diagnostics with the rule, severity, RFC section and path.
 * @module
 */
export { type Diagnostic, RULE, RULES, type RuleId, type RuleInfo, type Severity } from "./rules.js";
export { type ValidateContext, validate } from "./validate.js";
