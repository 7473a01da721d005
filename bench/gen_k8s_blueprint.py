#!/usr/bin/env python3
"""Writes a Kubernetes blueprint with one namespace and N k8s.deployment
resources to stdout, for bench/generate.sh (each deployment with ports, env,
resources and probes, like a real service).

usage: bench/gen_k8s_blueprint.py N > blueprint.yaml
"""
import sys


def main() -> int:
    if len(sys.argv) != 2 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        print("usage: gen_k8s_blueprint.py N   (N >= 1 deployments)", file=sys.stderr)
        return 2
    total = int(sys.argv[1])
    out = sys.stdout
    out.write(f"""apiVersion: dharma/v1
kind: Blueprint
metadata:
  name: bench-k8s-{total}
  owner: team-bench
  labels: {{project: bench}}
provider: kubernetes
parameters:
  image_tag: {{type: string, default: "1.4.2"}}
resources:
  - name: ns
    type: k8s.namespace
    properties: {{name: bench}}
""")
    for i in range(total):
        out.write(f"""  - name: svc_{i}
    type: k8s.deployment
    properties:
      namespace: ${{ns.name}}
      replicas: {1 + i % 3}
      image: ghcr.io/acme/service-{i % 50}:${{param.image_tag}}
      ports: [{{name: http, container_port: 8080}}]
      env: {{SERVICE_INDEX: "{i}", LOG_LEVEL: info}}
      resources: {{requests: {{cpu: 100m, memory: 128Mi}}, limits: {{cpu: 500m, memory: 256Mi}}}}
      readiness_probe: {{http_path: /ready, port: 8080}}
""")
    return 0


if __name__ == "__main__":
    sys.exit(main())
