deploy blue-green deploy-no-section.yaml --env prod --version v1 --dry-run
