cost cost-usage-not-number.yaml --usage cost-usage-not-number.usage.yaml
