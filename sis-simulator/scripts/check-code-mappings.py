#!/usr/bin/env python3
"""Checks that every uri in src/main/resources/acme-code-mappings.json is an Ed-Fi descriptor value
(Namespace + '#' + CodeValue) of the XML files in a descriptors folder, and that none is deprecated.

    python3 sis-simulator/scripts/check-code-mappings.py [/work/shared/edfi/descriptors]
"""
import glob
import json
import os
import sys
import xml.etree.ElementTree as ET

folder = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/edfi/descriptors"
known, deprecated = set(), set()
for path in glob.glob(os.path.join(folder, "*.xml")):
    for element in ET.parse(path).getroot():
        members = {child.tag.split("}")[-1]: (child.text or "") for child in element}
        if "Namespace" in members and "CodeValue" in members:
            uri = members["Namespace"] + "#" + members["CodeValue"]
            known.add(uri)
            if members.get("ShortDescription", "").startswith("DEPRECATED"):
                deprecated.add(uri)
mappings_path = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "acme-code-mappings.json")
mappings = json.load(open(mappings_path, encoding="utf-8"))
failures = [m for m in mappings if m["uri"] not in known or m["uri"] in deprecated
            or not m["uri"].startswith("uri://ed-fi.org/" + m["descriptor"] + "#")]
keys = [(m["descriptor"], m["vendorCode"]) for m in mappings]
if len(set(keys)) != len(keys):
    failures.append("duplicate (descriptor, vendorCode)")
for failure in failures:
    print("NOT OK:", failure)
print(f"{len(mappings)} mappings checked against {len(known)} descriptor values: "
      + ("all exist, none deprecated" if not failures else f"{len(failures)} problems"))
sys.exit(1 if failures else 0)
