# An improvement: nothing is worse, exit 0; the comparison is part of the one JSON document.
python3 "$DHARMA_HOME/tests/loadtest/make_report.py" before.json --seed 4 --seconds 2 --rate 10 --latency-scale 2
python3 "$DHARMA_HOME/tests/loadtest/make_report.py" after.json --seed 4 --seconds 2 --rate 10
