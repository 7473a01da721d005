deploy blue-green deploy-section.yaml --env prod --version v1
