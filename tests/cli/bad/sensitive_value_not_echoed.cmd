blueprint validate sensitive_value_not_echoed.yaml --set db_pin=hunter2 --set db_pni=hunter3
