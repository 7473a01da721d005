#!/usr/bin/env python3
"""Writes a valid AWS blueprint with N resources to stdout, for benchmarks.

The mix is what a large real blueprint looks like: one VPC, then repeating
groups of a subnet, a security group, an instance that references both, a
bucket and a PostgreSQL database that depends on the subnet. Parameters,
labels, an environment overlay and outputs are included so every resolver
pass has work to do.

usage: bench/gen_blueprint.py N > blueprint.yaml
"""
import sys


def main() -> int:
    if len(sys.argv) != 2 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        print("usage: gen_blueprint.py N   (N >= 1 resources)", file=sys.stderr)
        return 2
    total = int(sys.argv[1])
    out = sys.stdout
    out.write(f"""apiVersion: dharma/v1
kind: Blueprint
metadata:
  name: bench-{total}
  version: 1.0.0
  description: Generated benchmark blueprint with {total} resources
  owner: team-bench
  labels: {{project: bench, environment: "${{env}}"}}
provider: aws
region: us-east-1
parameters:
  instance_size: {{type: string, default: t3.medium, allowed: [t3.small, t3.medium, m5.large]}}
  disk_gb: {{type: integer, default: 30, min: 8, max: 1000}}
  db_password: {{type: string, sensitive: true, default: bench-only-secret}}
environments:
  prod:
    parameters: {{instance_size: m5.large}}
resources:
  - name: vpc
    type: network.vpc
    properties: {{cidr: 10.0.0.0/8}}
""")
    written = 1
    group = 0
    while written < total:
        g = group
        kinds = [
            f"""  - name: subnet_{g}
    type: network.subnet
    properties: {{vpc: "${{vpc.id}}", cidr: 10.{g // 256 % 256}.{g % 256}.0/24, zone: a}}
""",
            f"""  - name: sg_{g}
    type: network.security_group
    properties:
      vpc: ${{vpc.id}}
      description: group {g}
      ingress:
        - {{protocol: tcp, port: 443, cidrs: [10.0.0.0/8]}}
""",
            f"""  - name: web_{g}
    type: compute.instance
    properties:
      size: ${{param.instance_size}}
      subnet: ${{subnet_{g}.id}}
      security_groups: ["${{sg_{g}.id}}"]
      disk_gb: ${{param.disk_gb}}
      user_data: "echo web-{g} in ${{env}}"
    tags: {{tier: web, index: "{g}"}}
""",
            f"""  - name: bucket_{g}
    type: storage.bucket
    properties: {{encrypted: true, versioning: true}}
""",
            f"""  - name: db_{g}
    type: database.postgres
    properties: {{size: db.t3.medium, storage_gb: 50, encrypted: true, subnets: ["${{subnet_{g}.id}}"], password: "${{param.db_password}}"}}
    depends_on: [web_{g}]
""",
        ]
        for text in kinds:
            if written >= total:
                break
            out.write(text)
            written += 1
        group += 1
    out.write("outputs:\n  vpc_id: {value: \"${vpc.id}\"}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
