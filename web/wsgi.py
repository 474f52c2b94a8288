"""WSGI entry point for production servers: `gunicorn -w 2 --threads 8 web.wsgi:app`.

Configuration comes from the environment (EKD_DATABASE_URL, EKD_SECRET_KEY, …). Timers are not
fired by gunicorn workers: run `ekd tick` every minute beside them (cron, a systemd timer), or use
`ekd serve`, which runs the scheduler itself. Any number of tick runs may overlap: a due timer fires once.
"""

import os

from web.app import create_app
from web.serving import report_at_exit, settle

app = create_app()
settle()
if os.environ.get("EKD_STATS_DIR"):          # the throughput benchmark's: what each worker counted
    report_at_exit(app, os.environ["EKD_STATS_DIR"])
