cost diff cost-diff-missing-new.yaml
