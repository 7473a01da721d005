# Latin-1 'é' (0xE9) in a description: valid YAML bytes, invalid UTF-8.
printf '%s\nresources:\n  - name: assets\n    type: storage.bucket\n    properties: {name: caf\xe9}\n' 'apiVersion: dharma/v1
kind: Blueprint
metadata: {name: bad-case, owner: team-qa}
provider: aws
region: us-east-1' > not_utf8.yaml
