# Writes a dharma.yaml with a budget in euros.
printf "cost:\n  budget: 100\n  currency: EUR\n" > dharma.yaml
