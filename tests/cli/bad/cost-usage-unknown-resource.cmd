cost cost-usage-unknown-resource.yaml --usage cost-usage-unknown-resource.usage.yaml
