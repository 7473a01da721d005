cost cost-usage-currency.yaml --usage cost-usage-currency.usage.yaml
