/**
 * The admin API described as OpenAPI 3.1, served at `/api/docs` (and as JSON at
 * `/api/docs/json`). Written by hand: most admin bodies are validated by code that gives
 * field-by-field errors, so there are no route schemas to derive it from. A test checks that every
 * operation described here is a route the server has.
 */
export declare const openApiDocument: {
    readonly openapi: "3.1.0";
    readonly info: {
        readonly title: "Herald admin API";
        readonly version: "1";
        readonly description: "JSON over HTTP. Authenticate with `Authorization: Bearer <master key>` (or the dashboard’s session cookie with `X-Herald-CSRF: 1`). Errors are `{\"error\": {\"code\", \"message\", \"field\"?}}` with stable codes.";
    };
    readonly servers: readonly [{
        readonly url: "/api/v1";
    }];
    readonly security: readonly [{
        readonly masterKey: readonly [];
    }];
    readonly tags: readonly [{
        readonly name: "Workspaces";
    }, {
        readonly name: "Messages";
    }, {
        readonly name: "People";
    }];
    readonly paths: {
        readonly '/workspaces': {
            readonly post: {
                readonly tags: readonly ["Workspaces"];
                readonly summary: "Create a workspace";
                readonly requestBody: {
                    required: boolean;
                    content: {
                        'application/json': {
                            schema: object;
                        };
                    };
                };
                readonly responses: {
                    readonly '400': {
                        $ref: string;
                    };
                    readonly '401': {
                        $ref: string;
                    };
                    readonly '404': {
                        $ref: string;
                    };
                    readonly '201': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                };
            };
            readonly get: {
                readonly tags: readonly ["Workspaces"];
                readonly summary: "List workspaces";
                readonly responses: {
                    readonly '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                };
            };
        };
        readonly '/workspaces/{ws}': {
            readonly get: {
                readonly tags: readonly ["Workspaces"];
                readonly summary: "Read a workspace";
                readonly parameters: readonly [{
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }];
                readonly responses: {
                    readonly '400': {
                        $ref: string;
                    };
                    readonly '401': {
                        $ref: string;
                    };
                    readonly '404': {
                        $ref: string;
                    };
                    readonly '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                };
            };
            readonly patch: {
                readonly tags: readonly ["Workspaces"];
                readonly summary: "Change a workspace’s settings";
                readonly parameters: readonly [{
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }];
                readonly requestBody: {
                    required: boolean;
                    content: {
                        'application/json': {
                            schema: object;
                        };
                    };
                };
                readonly responses: {
                    readonly '400': {
                        $ref: string;
                    };
                    readonly '401': {
                        $ref: string;
                    };
                    readonly '404': {
                        $ref: string;
                    };
                    readonly '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                };
            };
        };
        readonly '/workspaces/{ws}/keys/{kind}/rotate': {
            readonly post: {
                readonly tags: readonly ["Workspaces"];
                readonly summary: "Replace the write or the secret key";
                readonly parameters: readonly [{
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    readonly schema: {
                        readonly enum: readonly ["write", "secret"];
                    };
                    readonly name: string;
                    readonly in: "path" | "query";
                    readonly required: boolean;
                    readonly description: string;
                }];
                readonly responses: {
                    readonly '400': {
                        $ref: string;
                    };
                    readonly '401': {
                        $ref: string;
                    };
                    readonly '404': {
                        $ref: string;
                    };
                    readonly '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                };
            };
        };
        readonly '/workspaces/{ws}/messages': {
            readonly post: {
                readonly tags: readonly ["Messages"];
                readonly summary: "Create a message (a draft)";
                readonly parameters: readonly [{
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }];
                readonly requestBody: {
                    required: boolean;
                    content: {
                        'application/json': {
                            schema: object;
                        };
                    };
                };
                readonly responses: {
                    readonly '400': {
                        $ref: string;
                    };
                    readonly '401': {
                        $ref: string;
                    };
                    readonly '404': {
                        $ref: string;
                    };
                    readonly '201': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                };
            };
            readonly get: {
                readonly tags: readonly ["Messages"];
                readonly summary: "List messages with their figures at a glance";
                readonly parameters: readonly [{
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    readonly name: string;
                    readonly in: "path" | "query";
                    readonly required: boolean;
                    readonly description: string;
                    readonly schema: {
                        type: string;
                    };
                }];
                readonly responses: {
                    readonly '400': {
                        $ref: string;
                    };
                    readonly '401': {
                        $ref: string;
                    };
                    readonly '404': {
                        $ref: string;
                    };
                    readonly '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                };
            };
        };
        readonly '/workspaces/{ws}/messages/{id}': {
            readonly get: {
                readonly tags: readonly ["Messages"];
                readonly summary: "Read a message";
                readonly parameters: readonly [{
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }];
                readonly responses: {
                    readonly '400': {
                        $ref: string;
                    };
                    readonly '401': {
                        $ref: string;
                    };
                    readonly '404': {
                        $ref: string;
                    };
                    readonly '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                };
            };
            readonly patch: {
                readonly tags: readonly ["Messages"];
                readonly summary: "Edit a message";
                readonly description: "A draft changes in place. A launched message changes only with `\"newVersion\": true`, and gets a new content version; without it the answer is 409 `message_live`.";
                readonly parameters: readonly [{
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }];
                readonly requestBody: {
                    required: boolean;
                    content: {
                        'application/json': {
                            schema: object;
                        };
                    };
                };
                readonly responses: {
                    readonly '400': {
                        $ref: string;
                    };
                    readonly '401': {
                        $ref: string;
                    };
                    readonly '404': {
                        $ref: string;
                    };
                    readonly '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                    readonly '409': {
                        readonly $ref: "#/components/responses/Conflict";
                    };
                };
            };
            readonly delete: {
                readonly tags: readonly ["Messages"];
                readonly summary: "Delete a draft or an archived message, with its figures";
                readonly parameters: readonly [{
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }];
                readonly responses: {
                    readonly '400': {
                        $ref: string;
                    };
                    readonly '401': {
                        $ref: string;
                    };
                    readonly '404': {
                        $ref: string;
                    };
                    readonly '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                    readonly '409': {
                        readonly $ref: "#/components/responses/Conflict";
                    };
                };
            };
        };
        readonly '/workspaces/{ws}/messages/{id}/launch': {
            post: {
                tags: string[];
                summary: string;
                description: string;
                parameters: {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }[];
                responses: {
                    '400': {
                        $ref: string;
                    };
                    '401': {
                        $ref: string;
                    };
                    '404': {
                        $ref: string;
                    };
                    '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                    '409': {
                        $ref: string;
                    };
                };
            };
        };
        readonly '/workspaces/{ws}/messages/{id}/pause': {
            post: {
                tags: string[];
                summary: string;
                description: string;
                parameters: {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }[];
                responses: {
                    '400': {
                        $ref: string;
                    };
                    '401': {
                        $ref: string;
                    };
                    '404': {
                        $ref: string;
                    };
                    '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                    '409': {
                        $ref: string;
                    };
                };
            };
        };
        readonly '/workspaces/{ws}/messages/{id}/archive': {
            post: {
                tags: string[];
                summary: string;
                description: string;
                parameters: {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }[];
                responses: {
                    '400': {
                        $ref: string;
                    };
                    '401': {
                        $ref: string;
                    };
                    '404': {
                        $ref: string;
                    };
                    '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                    '409': {
                        $ref: string;
                    };
                };
            };
        };
        readonly '/workspaces/{ws}/messages/{id}/test': {
            readonly post: {
                readonly tags: readonly ["Messages"];
                readonly summary: "Show the message to one person, whatever the targeting";
                readonly parameters: readonly [{
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }];
                readonly requestBody: {
                    required: boolean;
                    content: {
                        'application/json': {
                            schema: object;
                        };
                    };
                };
                readonly responses: {
                    readonly '400': {
                        $ref: string;
                    };
                    readonly '401': {
                        $ref: string;
                    };
                    readonly '404': {
                        $ref: string;
                    };
                    readonly '202': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                };
            };
        };
        readonly '/workspaces/{ws}/messages/{id}/metrics': {
            readonly get: {
                readonly tags: readonly ["Messages"];
                readonly summary: "Views, unique viewers, dismissals, clicks per action, conversions, over time";
                readonly parameters: readonly [{
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    readonly schema: {
                        readonly enum: readonly ["hour", "day"];
                    };
                    readonly name: string;
                    readonly in: "path" | "query";
                    readonly required: boolean;
                    readonly description: string;
                }];
                readonly responses: {
                    readonly '400': {
                        $ref: string;
                    };
                    readonly '401': {
                        $ref: string;
                    };
                    readonly '404': {
                        $ref: string;
                    };
                    readonly '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                };
            };
        };
        readonly '/workspaces/{ws}/people': {
            readonly get: {
                readonly tags: readonly ["People"];
                readonly summary: "Search people by userId or email prefix, or exact anonymous ID";
                readonly parameters: readonly [{
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }];
                readonly responses: {
                    readonly '400': {
                        $ref: string;
                    };
                    readonly '401': {
                        $ref: string;
                    };
                    readonly '404': {
                        $ref: string;
                    };
                    readonly '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                };
            };
        };
        readonly '/workspaces/{ws}/people/{userId}': {
            readonly get: {
                readonly tags: readonly ["People"];
                readonly summary: "A person";
                readonly parameters: readonly [{
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }];
                readonly responses: {
                    readonly '400': {
                        $ref: string;
                    };
                    readonly '401': {
                        $ref: string;
                    };
                    readonly '404': {
                        $ref: string;
                    };
                    readonly '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                };
            };
            readonly delete: {
                readonly tags: readonly ["People"];
                readonly summary: "Erase a person: profile, identities and every event";
                readonly parameters: readonly [{
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }];
                readonly responses: {
                    readonly '400': {
                        $ref: string;
                    };
                    readonly '401': {
                        $ref: string;
                    };
                    readonly '404': {
                        $ref: string;
                    };
                    readonly '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                };
            };
        };
        readonly '/workspaces/{ws}/people/{userId}/activity': {
            readonly get: {
                readonly tags: readonly ["People"];
                readonly summary: "The person’s merged history, newest first";
                readonly parameters: readonly [{
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }];
                readonly responses: {
                    readonly '400': {
                        $ref: string;
                    };
                    readonly '401': {
                        $ref: string;
                    };
                    readonly '404': {
                        $ref: string;
                    };
                    readonly '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                };
            };
        };
        readonly '/workspaces/{ws}/anonymous/{anonymousId}': {
            readonly get: {
                readonly tags: readonly ["People"];
                readonly summary: "An anonymous visitor and the person they merged into, if any";
                readonly parameters: readonly [{
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }];
                readonly responses: {
                    readonly '400': {
                        $ref: string;
                    };
                    readonly '401': {
                        $ref: string;
                    };
                    readonly '404': {
                        $ref: string;
                    };
                    readonly '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                };
            };
        };
        readonly '/workspaces/{ws}/anonymous/{anonymousId}/activity': {
            readonly get: {
                readonly tags: readonly ["People"];
                readonly summary: "An anonymous ID’s events, newest first";
                readonly parameters: readonly [{
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }, {
                    name: string;
                    in: "path" | "query";
                    required: boolean;
                    description: string;
                    schema: {
                        type: string;
                    };
                }];
                readonly responses: {
                    readonly '400': {
                        $ref: string;
                    };
                    readonly '401': {
                        $ref: string;
                    };
                    readonly '404': {
                        $ref: string;
                    };
                    readonly '200': {
                        description: string;
                        content: {
                            'application/json': {
                                schema: object;
                            };
                        };
                    };
                };
            };
        };
    };
    readonly components: {
        readonly securitySchemes: {
            readonly masterKey: {
                readonly type: "http";
                readonly scheme: "bearer";
            };
        };
        readonly responses: {
            readonly Invalid: {
                description: string;
                content: {
                    'application/json': {
                        schema: object;
                    };
                };
            };
            readonly Unauthorized: {
                description: string;
                content: {
                    'application/json': {
                        schema: object;
                    };
                };
            };
            readonly NotFound: {
                description: string;
                content: {
                    'application/json': {
                        schema: object;
                    };
                };
            };
            readonly Conflict: {
                description: string;
                content: {
                    'application/json': {
                        schema: object;
                    };
                };
            };
        };
        readonly schemas: {
            readonly Error: {
                readonly type: "object";
                readonly properties: {
                    readonly error: {
                        readonly type: "object";
                        readonly required: readonly ["code", "message"];
                        readonly properties: {
                            readonly code: {
                                readonly type: "string";
                            };
                            readonly message: {
                                readonly type: "string";
                            };
                            readonly field: {
                                readonly type: "string";
                            };
                        };
                    };
                };
            };
            readonly WorkspaceInput: {
                readonly type: "object";
                readonly properties: {
                    readonly name: {
                        readonly type: "string";
                        readonly minLength: 1;
                        readonly maxLength: 200;
                    };
                    readonly inApp: {
                        readonly type: "object";
                        readonly properties: {
                            readonly enabled: {
                                readonly type: "boolean";
                            };
                            readonly anonymous: {
                                readonly type: "boolean";
                            };
                        };
                    };
                    readonly identityVerification: {
                        readonly type: "boolean";
                    };
                };
            };
            readonly Workspace: {
                readonly type: "object";
                readonly properties: {
                    readonly id: {
                        readonly type: "string";
                    };
                    readonly name: {
                        readonly type: "string";
                    };
                    readonly writeKey: {
                        readonly type: "string";
                        readonly description: "Public: ingestion and delivery only";
                    };
                    readonly secretKey: {
                        readonly type: "string";
                        readonly description: "Server side: identity verification";
                    };
                    readonly inApp: {
                        readonly type: "object";
                        readonly properties: {
                            readonly enabled: {
                                readonly type: "boolean";
                            };
                            readonly anonymous: {
                                readonly type: "boolean";
                            };
                        };
                    };
                    readonly identityVerification: {
                        readonly type: "boolean";
                    };
                    readonly createdAt: {
                        readonly type: "string";
                        readonly format: "date-time";
                    };
                    readonly updatedAt: {
                        readonly type: "string";
                        readonly format: "date-time";
                    };
                };
            };
            readonly PageRule: {
                readonly type: "object";
                readonly required: readonly ["op", "value"];
                readonly properties: {
                    readonly op: {
                        readonly enum: readonly ["matches", "contains", "equals", "regex"];
                    };
                    readonly value: {
                        readonly type: "string";
                    };
                };
            };
            readonly Display: {
                readonly type: "object";
                readonly required: readonly ["type"];
                readonly properties: {
                    readonly type: {
                        readonly enum: readonly ["modal", "overlay", "inline", "tooltip"];
                    };
                    readonly position: {
                        readonly type: "string";
                        readonly description: "modal: center|top|bottom; overlay: top-left…bottom-right; tooltip: top|bottom|left|right";
                    };
                    readonly selector: {
                        readonly type: "string";
                        readonly description: "inline and tooltip: CSS selector";
                    };
                    readonly width: {
                        readonly type: "string";
                    };
                    readonly overlayColor: {
                        readonly type: "string";
                    };
                    readonly dismissOnOutsideClick: {
                        readonly type: "boolean";
                    };
                };
            };
            readonly MessageDefinition: {
                readonly type: "object";
                readonly required: readonly ["name", "steps"];
                readonly properties: {
                    readonly name: {
                        readonly type: "string";
                    };
                    readonly description: {
                        readonly type: "string";
                    };
                    readonly audience: {
                        readonly type: "object";
                        readonly properties: {
                            readonly type: {
                                readonly enum: readonly ["anonymous", "identified"];
                            };
                            readonly segment: {
                                readonly type: readonly ["string", "null"];
                            };
                        };
                    };
                    readonly priority: {
                        readonly type: "integer";
                        readonly minimum: 1;
                        readonly maximum: 10;
                        readonly default: 5;
                    };
                    readonly pageRules: {
                        readonly type: "object";
                        readonly properties: {
                            readonly include: {
                                readonly type: "array";
                                readonly items: {
                                    $ref: string;
                                };
                            };
                            readonly exclude: {
                                readonly type: "array";
                                readonly items: {
                                    $ref: string;
                                };
                            };
                        };
                    };
                    readonly frequency: {
                        readonly type: "object";
                        readonly properties: {
                            readonly maxViews: {
                                readonly type: readonly ["integer", "null"];
                            };
                            readonly cooldownSeconds: {
                                readonly type: "integer";
                            };
                        };
                    };
                    readonly schedule: {
                        readonly type: "object";
                        readonly properties: {
                            readonly startAt: {
                                readonly type: readonly ["string", "null"];
                            };
                            readonly endAt: {
                                readonly type: readonly ["string", "null"];
                            };
                            readonly timezone: {
                                readonly type: readonly ["string", "null"];
                            };
                        };
                    };
                    readonly goal: {
                        readonly type: "object";
                        readonly properties: {
                            readonly criteria: {
                                readonly enum: readonly ["click", "view"];
                            };
                            readonly windowDays: {
                                readonly type: "integer";
                            };
                            readonly event: {
                                readonly type: readonly ["string", "null"];
                            };
                        };
                    };
                    readonly display: {
                        $ref: string;
                    };
                    readonly steps: {
                        readonly type: "array";
                        readonly minItems: 1;
                        readonly items: {
                            readonly type: "object";
                            readonly required: readonly ["name", "html"];
                            readonly properties: {
                                readonly name: {
                                    readonly type: "string";
                                };
                                readonly html: {
                                    readonly type: "string";
                                };
                                readonly display: {
                                    $ref: string;
                                };
                            };
                        };
                    };
                };
            };
            readonly Message: {
                readonly allOf: readonly [{
                    $ref: string;
                }, {
                    readonly type: "object";
                    readonly properties: {
                        readonly id: {
                            readonly type: "string";
                        };
                        readonly status: {
                            readonly enum: readonly ["draft", "active", "paused", "archived"];
                        };
                        readonly version: {
                            readonly type: "integer";
                        };
                        readonly launchedAt: {
                            readonly type: readonly ["string", "null"];
                            readonly format: "date-time";
                        };
                        readonly createdAt: {
                            readonly type: "string";
                            readonly format: "date-time";
                        };
                        readonly updatedAt: {
                            readonly type: "string";
                            readonly format: "date-time";
                        };
                    };
                }];
            };
            readonly Metrics: {
                readonly type: "object";
                readonly properties: {
                    readonly views: {
                        readonly type: "integer";
                    };
                    readonly uniqueViewers: {
                        readonly type: "integer";
                    };
                    readonly dismissals: {
                        readonly type: "integer";
                    };
                    readonly clicks: {
                        readonly type: "object";
                        readonly additionalProperties: {
                            readonly type: "integer";
                        };
                    };
                    readonly conversions: {
                        readonly type: "integer";
                    };
                    readonly conversionRate: {
                        readonly type: "number";
                    };
                    readonly series: {
                        readonly type: "array";
                        readonly items: {
                            readonly type: "object";
                            readonly properties: {
                                readonly t: {
                                    readonly type: "string";
                                };
                                readonly views: {
                                    readonly type: "integer";
                                };
                                readonly dismissals: {
                                    readonly type: "integer";
                                };
                                readonly clicks: {
                                    readonly type: "integer";
                                };
                                readonly conversions: {
                                    readonly type: "integer";
                                };
                            };
                        };
                    };
                };
            };
            readonly PersonSummary: {
                readonly type: "object";
                readonly properties: {
                    readonly userId: {
                        readonly type: "string";
                    };
                    readonly email: {
                        readonly type: readonly ["string", "null"];
                    };
                    readonly traits: {
                        readonly type: "object";
                    };
                    readonly lastSeenAt: {
                        readonly type: "string";
                    };
                };
            };
            readonly Person: {
                readonly type: "object";
                readonly properties: {
                    readonly userId: {
                        readonly type: "string";
                    };
                    readonly aliases: {
                        readonly type: "array";
                        readonly items: {
                            readonly type: "string";
                        };
                    };
                    readonly email: {
                        readonly type: readonly ["string", "null"];
                    };
                    readonly traits: {
                        readonly type: "object";
                    };
                    readonly anonymousIds: {
                        readonly type: "array";
                        readonly items: {
                            readonly type: "string";
                        };
                    };
                    readonly createdAt: {
                        readonly type: "string";
                    };
                    readonly updatedAt: {
                        readonly type: "string";
                    };
                    readonly lastSeenAt: {
                        readonly type: "string";
                    };
                };
            };
            readonly ActivityPage: {
                readonly type: "object";
                readonly properties: {
                    readonly data: {
                        readonly type: "array";
                        readonly items: {
                            readonly type: "object";
                            readonly description: "An event, shaped like the tracking call it came from";
                        };
                    };
                    readonly next: {
                        readonly type: readonly ["string", "null"];
                    };
                };
            };
        };
    };
};
//# sourceMappingURL=openapi.d.ts.map