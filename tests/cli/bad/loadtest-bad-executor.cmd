loadtest run loadtest-bad-executor.yaml
