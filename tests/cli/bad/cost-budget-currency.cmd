cost cost-budget-currency.yaml --budget 'EUR 100'
