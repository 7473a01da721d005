deploy blue-green deploy-timeout.yaml --env prod --version v1
