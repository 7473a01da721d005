cost cost-dharma-yaml-currency.yaml
