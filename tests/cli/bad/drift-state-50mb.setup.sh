# A 50 MB state (too large to commit): aws_vpc.vpc as the blueprint renders
# it, then 60,000 unmanaged instances; with --only-managed drift reads it all
# and finds the VPC in sync.
python3 - <<'PY'
import json
resources = [{"mode": "managed", "type": "aws_vpc", "name": "vpc", "instances": [{"attributes": {
    "id": "vpc-1", "cidr_block": "10.0.0.0/16", "enable_dns_support": True, "enable_dns_hostnames": True,
    "assign_generated_ipv6_cidr_block": False,
    "tags": {"managed_by": "dharma"}}}]}]
for i in range(60000):
    resources.append({"mode": "managed", "type": "aws_instance", "name": "i%d" % i, "instances": [{"attributes": {
        "id": "i-%08d" % i, "instance_type": "t3.small", "user_data": "x" * 700}}]})
with open("drift-state-50mb.tfstate", "w") as f:
    json.dump({"version": 4, "resources": resources}, f)
PY
test "$(stat -c %s drift-state-50mb.tfstate)" -gt 50000000
