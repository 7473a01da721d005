blueprint validate sensitive_in_checked_property.yaml --set s=hunter2
