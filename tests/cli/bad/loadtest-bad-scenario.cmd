loadtest run loadtest-bad-scenario.yaml
