# 10,000 nested flow sequences inside a property: [[[[...]]]].
{
  printf 'apiVersion: dharma/v1\nkind: Blueprint\nmetadata: {name: deep, owner: team-qa}\nprovider: aws\nregion: us-east-1\nresources:\n  - name: assets\n    type: storage.bucket\n    properties:\n      lifecycle: '
  head -c 10000 /dev/zero | tr '\0' '['
  head -c 10000 /dev/zero | tr '\0' ']'
  printf '\n'
} > deep_nesting.yaml
