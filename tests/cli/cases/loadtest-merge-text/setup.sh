# Two overlapping runs from the independent report generator (tests/loadtest/make_report.py).
python3 "$DHARMA_HOME/tests/loadtest/make_report.py" a.json --seed 1 --start 1796190000 --seconds 3 --rate 40 --errors-every 30 --threshold 'p(95) < 10ms:2.9:true'
python3 "$DHARMA_HOME/tests/loadtest/make_report.py" b.json --seed 2 --start 1796190001 --seconds 3 --rate 40 --latency-scale 2
