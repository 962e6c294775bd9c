#!/usr/bin/env python3
"""Trims the Ed-Fi ODS/API resources OpenAPI document to the resources the hub serves.

    scripts/edfi-ods-openapi.py SOURCE.json [--out system-tests/src/test/openapi/edfi-ods-resources.json]

SOURCE is the resources document an Ed-Fi ODS/API 7.x publishes at /metadata/data/v3/resources/swagger.json
(for example the ODS/API 7.2 / Data Standard 5.1 copy in https://github.com/Sdui-GmbH/edfi-resources-sdk,
swagger-resources.json). The resources kept are the keys of "resources" in
edfi-contract/src/main/resources/edfi/schema/resources.json, i.e. what the hub serves; for each, the document's
/ed-fi/{resource}, /{id}, /deletes and /keyChanges paths, and every component those reach, are kept as published,
except:

  * prose (every "description" and "summary") is dropped; a Response Object's description, which OpenAPI
    requires, becomes "";
  * "_ext" members are dropped: they point at extension schemas (TPDM) the hub does not serve;
  * "info" says where the document came from and under which licence (Apache-2.0, as Ed-Fi publishes it).

A resource of the contract that SOURCE does not have is listed on stderr and left out (descriptors, for example,
are in the ODS's separate descriptors document). The script fails if a kept $ref does not resolve in SOURCE.
"""
import argparse
import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "edfi-contract/src/main/resources/edfi/schema/resources.json"
DEFAULT_OUT = ROOT / "system-tests/src/test/openapi/edfi-ods-resources.json"
SOURCE_URL = "https://github.com/Sdui-GmbH/edfi-resources-sdk/blob/main/swagger-resources.json"
PROSE = ("description", "summary")


def strip(node, in_responses=False):
    """A copy of node without prose and without _ext members."""
    if isinstance(node, list):
        return [strip(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in PROSE:
            continue
        if key == "properties" and isinstance(value, dict):
            out[key] = {name: strip(member) for name, member in value.items() if name != "_ext"}
        elif key == "responses" and isinstance(value, dict):
            out[key] = {status: strip(response, True) for status, response in value.items()}
        else:
            out[key] = strip(value)
    if in_responses and "$ref" not in out:
        out["description"] = ""
    return out


def refs(node):
    """Every $ref under node."""
    if isinstance(node, list):
        for item in node:
            yield from refs(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from refs(value)


def trim(source, resources):
    paths = {}
    missing = []
    for resource in resources:
        base = f"/ed-fi/{resource}"
        kept = {path: item for path, item in source["paths"].items()
                if path == base or path in (f"{base}/{{id}}", f"{base}/deletes", f"{base}/keyChanges")}
        if not kept:
            missing.append(resource)
        paths.update({path: strip(item) for path, item in kept.items()})

    components = {}
    pending = list(refs(paths))
    while pending:
        ref = pending.pop()
        if not ref.startswith("#/components/"):
            raise SystemExit(f"not a local component: {ref}")
        kind, name = ref[len("#/components/"):].split("/", 1)
        if name in components.get(kind, {}):
            continue
        try:
            found = source["components"][kind][name]
        except KeyError:
            raise SystemExit(f"{ref} does not resolve in the source document") from None
        item = strip(found, kind == "responses")
        components.setdefault(kind, {})[name] = item
        pending.extend(refs(item))

    components = {kind: dict(sorted(items.items())) for kind, items in sorted(components.items())}
    components["securitySchemes"] = copy.deepcopy(source["components"].get("securitySchemes", {}))
    for scheme in components["securitySchemes"].values():
        scheme.pop("description", None)
    tags = sorted({tag for item in paths.values() for op in item.values() for tag in op.get("tags", [])})
    trimmed = {
        "openapi": source["openapi"],
        "info": {
            "title": source["info"]["title"],
            "version": source["info"]["version"],
            "description": (
                "The Ed-Fi ODS/API resources OpenAPI document, trimmed by scripts/edfi-ods-openapi.py to the "
                "resources the hub serves (prose and _ext members removed). Source: " + SOURCE_URL
                + " (the document the Ed-Fi ODS/API " + source["servers"][0]["url"].split("/")[3]
                + " publishes at /metadata/data/v3/resources/swagger.json). Copyright Ed-Fi Alliance, LLC and "
                "contributors, licensed under the Apache License, Version 2.0 "
                "(https://www.apache.org/licenses/LICENSE-2.0)."),
            "license": {"name": "Apache-2.0", "url": "https://www.apache.org/licenses/LICENSE-2.0"},
            "x-source": SOURCE_URL,
        },
        "servers": source["servers"],
        "paths": dict(sorted(paths.items())),
        "components": components,
        "security": source.get("security", []),
        "tags": [{"name": tag} for tag in tags],
    }
    return trimmed, missing


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    source = json.loads(args.source.read_text(encoding="utf-8"))
    resources = list(json.loads(CONTRACT.read_text(encoding="utf-8"))["resources"])
    trimmed, missing = trim(source, resources)
    args.out.write_text(json.dumps(trimmed, indent=1) + "\n", encoding="utf-8")
    kept = [r for r in resources if r not in missing]
    print(f"{args.out}: {len(kept)} resources ({', '.join(kept)}), "
          f"{len(trimmed['components'].get('schemas', {}))} schemas", file=sys.stderr)
    if missing:
        print(f"not in {args.source.name}: {', '.join(missing)}", file=sys.stderr)


if __name__ == "__main__":
    main()
