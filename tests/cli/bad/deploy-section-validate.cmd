blueprint validate deploy-section-validate.yaml
