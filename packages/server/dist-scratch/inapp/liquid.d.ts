import { type Template } from 'liquidjs';
/** Whether the HTML uses Liquid at all; plain HTML is sent as is, with no rendering. */
export declare function usesLiquid(html: string): boolean;
/** Parses a template, or throws with liquidjs's message (line and column included). */
export declare function parseTemplate(html: string): Template[];
/** What a template can use: `customer` (traits plus id and email) and, for triggers, `event`. */
export interface LiquidScope {
    customer: Record<string, unknown>;
    event?: Record<string, unknown>;
}
export declare function renderTemplate(template: Template[], scope: LiquidScope): string;
//# sourceMappingURL=liquid.d.ts.map