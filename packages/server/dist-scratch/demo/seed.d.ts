import type { FastifyInstance } from 'fastify';
/** The workspace the demo site at /demo uses. */
export declare const DEMO_WORKSPACE = "Demo";
/** One message of each display type, each on its demo page. */
export declare const DEMO_MESSAGES: ({
    name: string;
    priority: number;
    pageRules: {
        include: {
            op: string;
            value: string;
        }[];
        exclude: never[];
    };
    display: {
        type: string;
        position: string;
        width: string;
        selector?: undefined;
        overlayColor?: undefined;
    };
    steps: ({
        name: string;
        html: string;
        display?: undefined;
    } | {
        name: string;
        html: string;
        display: {
            type: string;
            position: string;
        };
    })[];
} | {
    name: string;
    priority: number;
    pageRules: {
        include: {
            op: string;
            value: string;
        }[];
        exclude: never[];
    };
    display: {
        type: string;
        position: string;
        width?: undefined;
        selector?: undefined;
        overlayColor?: undefined;
    };
    steps: {
        name: string;
        html: string;
    }[];
} | {
    name: string;
    priority: number;
    pageRules: {
        include: {
            op: string;
            value: string;
        }[];
        exclude: never[];
    };
    display: {
        type: string;
        selector: string;
        position?: undefined;
        width?: undefined;
        overlayColor?: undefined;
    };
    steps: {
        name: string;
        html: string;
    }[];
} | {
    name: string;
    priority: number;
    pageRules: {
        include: {
            op: string;
            value: string;
        }[];
        exclude: never[];
    };
    display: {
        type: string;
        selector: string;
        position: string;
        width?: undefined;
        overlayColor?: undefined;
    };
    steps: {
        name: string;
        html: string;
    }[];
} | {
    name: string;
    priority: number;
    pageRules: {
        include: {
            op: string;
            value: string;
        }[];
        exclude: never[];
    };
    display: {
        type: string;
        position: string;
        overlayColor: string;
        width?: undefined;
        selector?: undefined;
    };
    steps: {
        name: string;
        html: string;
    }[];
})[];
/**
 * On first start, creates the "Demo" workspace (in-app and anonymous messages on) with a launched
 * message of each display type on the /demo pages, so that a newcomer sees them at once. Does
 * nothing when a workspace named "Demo" exists: it runs on every start, and the demo is theirs to
 * change. Goes through the admin API, like any script of our users would.
 *
 * @example
 * await seedDemo(app, masterKey); // before app.listen()
 */
export declare function seedDemo(app: FastifyInstance, masterKey: string): Promise<boolean>;
//# sourceMappingURL=seed.d.ts.map