# A 200,000-character tag value that almost matches '^(a+)+$' — std::regex
# would backtrack for longer than the universe has existed.
{
  echo 'apiVersion: dharma/v1'
  echo 'kind: Blueprint'
  echo 'metadata: {name: regex-demo, version: 1.0.0, owner: team-web, labels: {project: shop, owner: team-web, environment: dev}}'
  echo 'provider: aws'
  echo 'region: us-east-1'
  echo 'resources:'
  echo '  - name: assets'
  echo '    type: storage.bucket'
  printf '    tags: {ticket: %sb}\n' "$(head -c 200000 /dev/zero | tr '\0' a)"
} > big.yaml
