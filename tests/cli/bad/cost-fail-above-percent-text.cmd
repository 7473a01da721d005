cost diff cost-fail-above-percent-text.yaml cost-fail-above-percent-text.yaml --fail-above-percent ten
