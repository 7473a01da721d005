blueprint validate --strict missing_owner_strict.yaml
