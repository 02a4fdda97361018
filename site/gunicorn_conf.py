"""Production gunicorn settings, the one place they are declared (README, tests and bench use it).

    IMR_INDEX_DIR=var/index .venv/bin/gunicorn -c python:imr_site.gunicorn_conf

Threaded workers (gthread): a client that sends its request slowly holds one thread, not a
worker, and idle connections wait in the worker's poller, holding none. Measured on 2 cores
with 10 clients each sending a header line every 5 s: sync workers left searches waiting 60 s
(then gunicorn killed the workers); 3 gthread workers answered searches at p95 0.28 s with 8
threads each but not with 4 (all 4 threads of one worker were held). 12 threads leave every
worker free threads even if all 10 such clients reach the same one. PDF renders run in child
processes within server-wide slots (imr_site.reports.render_limits), so a thread waiting for
one holds neither the GIL nor a core. Any setting can be overridden on the command line.
"""

wsgi_app = "imr_site:create_app()"
bind = "127.0.0.1:8000"
worker_class = "gthread"
workers = 3  # one per core plus one: searches are CPU-bound Python
threads = 32
timeout = 60  # a worker whose main loop stalls this long is restarted
graceful_timeout = 20
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
