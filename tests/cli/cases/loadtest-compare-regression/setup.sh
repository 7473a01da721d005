# The same load, then 30 % slower with errors: p95 and the error rate regress past 10 %.
python3 "$DHARMA_HOME/tests/loadtest/make_report.py" before.json --seed 3 --seconds 3 --rate 40
python3 "$DHARMA_HOME/tests/loadtest/make_report.py" after.json --seed 3 --seconds 3 --rate 40 --latency-scale 1.3 --errors-every 25
