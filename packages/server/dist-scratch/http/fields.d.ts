/**
 * The small checks that validation code is made of, each throwing a `validation_failed` error
 * that names the field (a dotted path such as `steps.0.html`), so that clients can show it in
 * place. Shared by every hand-written validator: messages, segments, campaigns, broadcasts.
 *
 * @example
 * const body = object(request.body, 'body');
 * const name = text(body.name, 'name', 200);
 */
export type Fields = Record<string, unknown>;
export declare function object(value: unknown, field: string): Fields;
export declare function array(value: unknown, field: string, min: number, max: number): unknown[];
/** A string of at most `max` characters, not blank unless `min` is 0, with no NUL. */
export declare function text(value: unknown, field: string, max: number, min?: number): string;
export declare function integer(value: unknown, field: string, min: number, max: number): number;
export declare function boolean(value: unknown, field: string): boolean;
export declare function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T;
//# sourceMappingURL=fields.d.ts.map