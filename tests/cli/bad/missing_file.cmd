blueprint validate does-not-exist.yaml
