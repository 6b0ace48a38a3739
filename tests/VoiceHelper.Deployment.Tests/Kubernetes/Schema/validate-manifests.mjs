// Validates Kubernetes objects against the JSON schemas of the npm package kubernetes-models, which compiles
// the Kubernetes OpenAPI definitions into validators (required fields, types, formats and enums).
//
// Input on stdin: a JSON array of objects. Output on stdout: a JSON array with one entry per object, in order:
// { "kind", "name", "errors": [ "JSON pointer: message", ... ] }. An object whose apiVersion and kind have no
// schema in the package gets one error that reports the missing schema. The exit code is 0 unless the input cannot be read.
import { readFileSync } from "node:fs";

const objects = JSON.parse(readFileSync(0, "utf8"));
const results = [];
for (const object of objects) {
    results.push({
        kind: object.kind,
        name: object.metadata?.name,
        errors: await validate(object),
    });
}
process.stdout.write(JSON.stringify(results));

async function validate(object) {
    const model = await findModel(object.apiVersion, object.kind);
    if (model === undefined) {
        return [`kubernetes-models has no schema for apiVersion '${object.apiVersion}', kind '${object.kind}'.`];
    }

    try {
        new model(object).validate();
        return [];
    } catch (error) {
        if (!Array.isArray(error.errors)) {
            throw error;
        }
        return error.errors.map(failure => `${failure.instancePath || "/"}: ${failure.message}`);
    }
}

// The package exports each API version as a module named after it: kubernetes-models/v1 for the core objects,
// kubernetes-models/GROUP/VERSION for the others.
async function findModel(apiVersion, kind) {
    // Only a well-formed apiVersion becomes part of a module path.
    if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion)) {
        return undefined;
    }

    try {
        const module = await import(`kubernetes-models/${apiVersion}`);
        return module[kind];
    } catch (error) {
        if (error.code === "ERR_PACKAGE_PATH_NOT_EXPORTED" || error.code === "ERR_MODULE_NOT_FOUND") {
            return undefined;
        }
        throw error;
    }
}
