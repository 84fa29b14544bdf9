#!/usr/bin/env bash
# Regenerates holidays_python_1990_2100.txt from an independent source:
# Debian's python3-holidays (apt-get install -y python3-holidays), with
# include_sundays=False. One line per holiday: date, a tab, the name(s).
set -euo pipefail
cd "$(dirname "$0")"
/usr/bin/python3 - >holidays_python_1990_2100.txt <<'PY'
import holidays
se = holidays.Sweden(years=range(1990, 2101), include_sundays=False)
for d, n in sorted(se.items()):
    print(f"{d.isoformat()}\t{n}")
PY
