# A 50 MB blueprint: a valid header, then one description line padded to 50 MB.
{
  printf 'apiVersion: dharma/v1\nkind: Blueprint\nmetadata:\n  name: huge\n  owner: team-qa\n  description: '
  head -c 52428800 /dev/zero | tr '\0' 'x'
  printf '\nprovider: aws\nregion: us-east-1\nresources:\n  - {name: assets, type: storage.bucket}\n'
} > huge_file.yaml
