blueprint validate set_unknown_parameter.yaml --set web_cuont=3
