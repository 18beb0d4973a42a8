import { Liquid } from 'liquidjs';
/**
 * Liquid personalisation of message HTML (`{{customer.first_name | default: "there"}}`).
 * Every output is HTML-escaped, so a trait holding markup shows as text; unknown variables render
 * empty; templates are parsed once per message version and rendered per person.
 */
const engine = new Liquid({
    outputEscape: 'escape',
    strictVariables: false,
    strictFilters: true,
    ownPropertyOnly: true,
    // Bounds a template's cost: a message renders on every delivery.
    renderLimit: 50,
    memoryLimit: 1e6,
    parseLimit: 1e6,
    // No file system: `{% include %}`, `{% render %}` and `{% layout %}` would otherwise read any
    // file under the server's working directory (the data directory and its master key included)
    // into a message that every visitor receives.
    templates: {},
});
// Traits arrive with the public write key, so anyone can set them: `| raw` must not switch
// escaping off. This `raw` passes the value through like any other filter, escaped on output.
engine.registerFilter('raw', (value) => value);
/** Whether the HTML uses Liquid at all; plain HTML is sent as is, with no rendering. */
export function usesLiquid(html) {
    return /\{\{|\{%/.test(html);
}
/** Parses a template, or throws with liquidjs's message (line and column included). */
export function parseTemplate(html) {
    return engine.parse(html);
}
export function renderTemplate(template, scope) {
    return engine.renderSync(template, scope);
}
//# sourceMappingURL=liquid.js.map