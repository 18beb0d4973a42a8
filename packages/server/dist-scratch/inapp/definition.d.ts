import { type MessageDefinition } from '@herald/protocol';
/**
 * Validates a message as the admin API receives it and fills in the defaults. Every problem
 * names its field as a dotted path (`pageRules.include.0.value`, `steps.1.html`) so that the
 * dashboard can show it in place.
 *
 * @example
 * const definition = parseDefinition({ name: 'Hello', steps: [{ name: 'main', html: '<p>Hi</p>' }] });
 */
export declare function parseDefinition(input: unknown, base?: MessageDefinition): MessageDefinition;
//# sourceMappingURL=definition.d.ts.map