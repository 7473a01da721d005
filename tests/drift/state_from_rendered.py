#!/usr/bin/env python3
"""Test helper: turn the Terraform JSON that `dharma generate --tf-format json`
renders (main.tf.json) into the v4 state Terraform would hold after applying
it: made-up ids and arns, references replaced by the referenced object's
value, `jsonencode(...)` evaluated to JSON text, nested blocks as lists,
tags copied to tags_all, and a data source, as real states have. It is
written apart from dharma's own evaluator (in Python) so that the drift
tests do not check dharma against itself.

Usage: state_from_rendered.py main.tf.json [variables.tf.json] > terraform.tfstate
"""
import json
import os
import re
import sys

# Object-valued arguments that are maps (compared as maps), not nested blocks.
MAP_ARGUMENTS = {"tags", "labels", "resource_labels", "environment_variables", "metadata", "node_labels",
                 "variables", "parameters"}

REF = re.compile(r"^([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[(\d+|count\.index)\])?((?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*)$")


def instances_of(body):
    count = body.get("count")
    if count is None:
        return [None]
    if isinstance(count, int):
        return list(range(count))
    return [0, 1]  # a count only Terraform knows: pretend two instances


class Builder:
    def __init__(self, rendered, variables):
        self.resources = rendered.get("resource", {})
        self.variables = {name: body["default"] for name, body in variables.get("variable", {}).items()
                          if body.get("default") is not None}
        self.made = {}

    def made_up(self, rtype, name, index):
        suffix = "" if index is None else "-%d" % index
        return {"id": "%s-%s%s" % (rtype.replace("_", "-"), name, suffix),
                "arn": "arn:made-up:%s:%s%s" % (rtype, name, suffix)}

    def lookup(self, rtype, name, index, path):
        body = self.resources.get(rtype, {}).get(name)
        if body is None:
            return "unknown-%s.%s" % (rtype, name)
        values = self.made_up(rtype, name, index if "count" in body else None)
        steps = re.findall(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]", path)
        if not steps:
            return values["id"]
        first = steps[0][0]
        if first in values:
            return values[first]
        value = self.value(body.get(first, "computed-" + first), index, first)
        for key, position in steps[1:]:
            value = value[int(position)] if position else value[key]
        return value

    def expression(self, text, index):
        text = text.strip()
        if text.startswith("jsonencode(") and text.endswith(")"):
            return json.dumps(hcl_to_json(text[len("jsonencode("):-1], lambda inner: self.expression(inner, index)),
                              separators=(",", ":"))
        m = REF.match(text)
        if m and m.group(1) not in ("var", "local", "data", "module", "each", "path"):
            ref_index = m.group(3)
            if ref_index == "count.index":
                ref_index = index
            elif ref_index is not None:
                ref_index = int(ref_index)
            return self.lookup(m.group(1), m.group(2), ref_index, m.group(4))
        if text == "count.index":
            return index
        if text.startswith("var.") and text[4:] in self.variables:
            return self.variables[text[4:]]
        return "value-of(%s)" % text

    def template(self, text, index):
        if "${" not in text:
            return text
        parts, pos, whole = [], 0, None
        while pos < len(text):
            if text.startswith("$${", pos):
                parts.append("${")
                pos += 3
            elif text.startswith("${", pos):
                end = matching_brace(text, pos + 1)
                value = self.expression(text[pos + 2:end], index)
                if pos == 0 and end == len(text) - 1:
                    whole = value
                parts.append(value if isinstance(value, str) else json.dumps(value))
                pos = end + 1
            else:
                parts.append(text[pos])
                pos += 1
        return whole if whole is not None else "".join(parts)

    def value(self, value, index, key=None):
        if isinstance(value, str):
            return self.template(value, index)
        if isinstance(value, list):
            return [self.value(item, index) for item in value]
        if isinstance(value, dict):
            body = {k: self.value(v, index, k) for k, v in value.items()}
            return body if key in MAP_ARGUMENTS else [body]
        return value

    def state(self):
        resources = [{"mode": "data", "type": "aws_caller_identity", "name": "current", "provider": "provider",
                      "instances": [{"schema_version": 0, "attributes": {"id": "123456789012"}}]}]
        for rtype, labels in self.resources.items():
            for name, body in labels.items():
                instances = []
                for index in instances_of(body):
                    attributes = self.made_up(rtype, name, index)
                    for key, value in body.items():
                        if key in ("count", "depends_on", "lifecycle", "provider"):
                            continue
                        attributes[key] = self.value(value, index, key) if isinstance(value, dict) else self.value(value, index)
                    if "tags" in attributes:
                        attributes["tags_all"] = dict(attributes["tags"], provider_default="yes")
                    instance = {"schema_version": 0, "attributes": attributes, "sensitive_attributes": []}
                    if index is not None:
                        instance["index_key"] = index
                    instances.append(instance)
                resources.append({"mode": "managed", "type": rtype, "name": name, "provider": "provider",
                                  "instances": instances})
        return {"version": 4, "terraform_version": "1.6.6", "serial": 1, "lineage": "made-up", "outputs": {},
                "resources": resources}


def matching_brace(text, open_pos):
    depth, pos, in_string = 0, open_pos, False
    while pos < len(text):
        c = text[pos]
        if in_string:
            if c == "\\":
                pos += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return pos
        pos += 1
    raise ValueError("unbalanced ${ in %r" % text)


def hcl_to_json(text, evaluate):
    """An HCL object/tuple literal (what jsonencode gets) as a Python value."""
    out, pos = [], 0
    while pos < len(text):
        c = text[pos]
        if c == '"':
            end, chunk = pos + 1, []
            while text[end] != '"':
                if text[end] == "\\":
                    chunk.append(text[end:end + 2])
                    end += 2
                elif text.startswith("${", end):
                    close = matching_brace(text, end + 1)
                    chunk.append(str(evaluate(text[end + 2:close])))
                    end = close + 1
                else:
                    chunk.append(text[end])
                    end += 1
            out.append(json.dumps(json.loads('"' + "".join(chunk) + '"')))
            pos = end + 1
        elif c.isalpha() or c == "_":
            end = pos
            while end < len(text) and (text[end].isalnum() or text[end] in "_-."):
                end += 1
            word = text[pos:end]
            rest = text[end:].lstrip()
            if rest.startswith("="):
                out.append(json.dumps(word))
            elif word in ("true", "false", "null"):
                out.append(word)
            else:
                out.append(json.dumps(evaluate(word)))
            pos = end
        elif c == "=":
            out.append(":")
            pos += 1
        else:
            out.append(c)
            pos += 1
    return json.loads("".join(out))


def main():
    with open(sys.argv[1]) as f:
        rendered = json.load(f)
    variables = {}
    if len(sys.argv) > 2 and os.path.exists(sys.argv[2]):  # no parameters: no variables file
        with open(sys.argv[2]) as f:
            variables = json.load(f)
    json.dump(Builder(rendered, variables).state(), sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
