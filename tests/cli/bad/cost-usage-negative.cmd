cost cost-usage-negative.yaml --usage cost-usage-negative.usage.yaml
