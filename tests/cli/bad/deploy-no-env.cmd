deploy blue-green deploy-no-env.yaml --version v1
