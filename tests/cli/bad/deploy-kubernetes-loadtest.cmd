deploy blue-green deploy-kubernetes-loadtest.yaml --env prod --version v1 --dry-run
