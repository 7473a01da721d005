# A blueprint whose main.tf (about 0.9 MB) is written in several pieces.
python3 "$DHARMA_HOME/bench/gen_blueprint.py" 1000 >big.yaml
