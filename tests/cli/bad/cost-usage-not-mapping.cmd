cost cost-usage-not-mapping.yaml --usage cost-usage-not-mapping.usage.yaml
