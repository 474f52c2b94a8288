"""WSGI entry point for production servers: `gunicorn -w 2 --threads 8 web.wsgi:app`.

Configuration comes from the environment (EKD_DATABASE_URL, EKD_SECRET_KEY, …). Timers are not
fired by gunicorn workers: run `ekd tick` every minute beside them (cron, a systemd timer), or use
`ekd serve`, which runs the scheduler itself. Any number of tick runs may overlap: a due timer fires once.
"""

from web.app import create_app
from web.serving import settle

app = create_app()
settle()
