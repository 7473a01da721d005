# Writes a dharma.yaml whose budget is not a number.
printf "cost:\n  budget: lots\n" > dharma.yaml
