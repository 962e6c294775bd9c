#!/usr/bin/env python3
"""Trims the Ed-Fi ODS/API OpenAPI documents to the resources the hub serves.

    scripts/edfi-ods-openapi.py RESOURCES.json [--descriptors DESCRIPTORS.json|.yml]
                                [--out system-tests/src/test/openapi/edfi-ods-resources.json]

RESOURCES is the resources document an Ed-Fi ODS/API 7.x publishes at /metadata/data/v3/resources/swagger.json
(for example the ODS/API 7.2 / Data Standard 5.1 copy in https://github.com/Sdui-GmbH/edfi-resources-sdk,
swagger-resources.json); DESCRIPTORS is the descriptors document (for example Ed-Fi's Descriptors API 5.0,
https://github.com/Ed-Fi-Alliance-OSS/Ed-Fi-API-Standards, api-specifications/descriptors/5.0/descriptor-api-5.0.yml).
The resources kept are those of edfi-contract/src/main/resources/edfi/schema/resources.json, i.e. what the hub
serves: the keys of "resources" (from RESOURCES) and the descriptors of "descriptorResources" (from DESCRIPTORS).
For each, the document's /ed-fi/{resource}, /{id}, /deletes and /keyChanges paths, and every component those
reach, are kept as published, except:

  * prose (every "description" and "summary") is dropped; a Response Object's description, which OpenAPI
    requires, becomes "";
  * "_ext" members are dropped: they point at extension schemas (TPDM) the hub does not serve;
  * "info" says where the documents came from and under which licence (Apache-2.0, as Ed-Fi publishes them).

A resource of the contract that its document does not have is listed on stderr and left out. The script fails if
a kept $ref does not resolve in its document, or if the two documents define one component differently.
"""
import argparse
import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "edfi-contract/src/main/resources/edfi/schema/resources.json"
DEFAULT_OUT = ROOT / "system-tests/src/test/openapi/edfi-ods-resources.json"
RESOURCES_URL = "https://github.com/Sdui-GmbH/edfi-resources-sdk/blob/main/swagger-resources.json"
DESCRIPTORS_URL = ("https://github.com/Ed-Fi-Alliance-OSS/Ed-Fi-API-Standards/blob/main/api-specifications/"
                   "descriptors/5.0/descriptor-api-5.0.yml")
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


def kept_paths(source, resources):
    """The paths of the resources in source (prose stripped), and the resources source does not have."""
    paths, missing = {}, []
    for resource in resources:
        base = f"/ed-fi/{resource}"
        kept = {path: item for path, item in source["paths"].items()
                if path == base or path in (f"{base}/{{id}}", f"{base}/deletes", f"{base}/keyChanges")}
        if not kept:
            missing.append(resource)
        paths.update({path: strip(item) for path, item in kept.items()})
    return paths, missing


def add_components(source, paths, components):
    """Adds to components every component of source the paths reach, transitively."""
    pending = list(refs(paths))
    seen = set()
    while pending:
        ref = pending.pop()
        if ref in seen:
            continue
        seen.add(ref)
        if not ref.startswith("#/components/"):
            raise SystemExit(f"not a local component: {ref}")
        kind, name = ref[len("#/components/"):].split("/", 1)
        try:
            found = source["components"][kind][name]
        except KeyError:
            raise SystemExit(f"{ref} does not resolve in its source document") from None
        item = strip(found, kind == "responses")
        known = components.setdefault(kind, {}).get(name)
        if known is not None and known != item:
            raise SystemExit(f"{ref} is defined differently in the two documents")
        components[kind][name] = item
        pending.extend(refs(item))


def trim(sources):
    """sources: (document, resource names) pairs. Returns the trimmed document and the resources left out."""
    paths, components, missing = {}, {}, []
    for source, resources in sources:
        kept, absent = kept_paths(source, resources)
        missing.extend(absent)
        add_components(source, kept, components)
        paths.update(kept)
    first = sources[0][0]
    components = {kind: dict(sorted(items.items())) for kind, items in sorted(components.items())}
    components["securitySchemes"] = copy.deepcopy(first["components"].get("securitySchemes", {}))
    for scheme in components["securitySchemes"].values():
        scheme.pop("description", None)
    tags = sorted({tag for item in paths.values() for op in item.values() for tag in op.get("tags", [])})
    trimmed = {
        "openapi": first["openapi"],
        "info": {
            "title": first["info"]["title"],
            "version": first["info"]["version"],
            "description": (
                "The Ed-Fi ODS/API resources OpenAPI document (" + RESOURCES_URL + ", as the Ed-Fi ODS/API "
                + first["servers"][0]["url"].split("/")[3] + " publishes it at "
                "/metadata/data/v3/resources/swagger.json)"
                + (" and the Ed-Fi Descriptors API document (" + DESCRIPTORS_URL + ")" if len(sources) > 1 else "")
                + ", trimmed by scripts/edfi-ods-openapi.py to the resources the hub serves (prose and _ext "
                "members removed). Copyright Ed-Fi Alliance, LLC and contributors, licensed under the Apache "
                "License, Version 2.0 (https://www.apache.org/licenses/LICENSE-2.0)."),
            "license": {"name": "Apache-2.0", "url": "https://www.apache.org/licenses/LICENSE-2.0"},
            "x-source": [RESOURCES_URL] + ([DESCRIPTORS_URL] if len(sources) > 1 else []),
        },
        "servers": first["servers"],
        "paths": dict(sorted(paths.items())),
        "components": components,
        "security": first.get("security", []),
        "tags": [{"name": tag} for tag in tags],
    }
    return trimmed, missing


def load(path):
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".yml", ".yaml"):
        import yaml  # PyYAML, only for a YAML document
        return yaml.safe_load(text)
    return json.loads(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("resources", type=Path, help="the ODS/API resources document")
    parser.add_argument("--descriptors", type=Path, help="the ODS/API descriptors document")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    contract = json.loads(CONTRACT.read_text(encoding="utf-8"))
    sources = [(load(args.resources), list(contract["resources"]))]
    if args.descriptors:
        descriptors = [name[0].lower() + name[1:] + "s" for name in contract["descriptorResources"]["items"]]
        sources.append((load(args.descriptors), descriptors))
    trimmed, missing = trim(sources)
    args.out.write_text(json.dumps(trimmed, indent=1) + "\n", encoding="utf-8")
    kept = sorted({op["tags"][0] for item in trimmed["paths"].values() for op in item.values()})
    print(f"{args.out}: {len(kept)} resources ({', '.join(kept)}), "
          f"{len(trimmed['components'].get('schemas', {}))} schemas", file=sys.stderr)
    if missing:
        print(f"not in the documents: {', '.join(missing)}", file=sys.stderr)


if __name__ == "__main__":
    main()
