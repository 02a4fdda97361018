"""Production gunicorn settings, the one place they are declared (README, tests and bench use it).

    IMR_INDEX_DIR=var/index .venv/bin/gunicorn -c python:imr_site.gunicorn_conf

Threaded workers (gthread): a client that sends its request slowly holds one thread, not a
worker, and idle connections wait in the worker's poller once gunicorn's 5 s wait for their
first byte is over. Measured on 2 cores (10k letters) with 10 clients each sending a header
line every 5 s: sync workers left searches waiting 60 s (then gunicorn killed the workers);
3 gthread workers answered searches at p95 0.28 s with 8 threads each, not at all with 4 (one
worker's threads were all held); with 10 idle clients more, 12 threads let one search wait
4 s. 32 threads keep free threads in every worker even if all 20 reach the same one; a thread
that waits costs no CPU. PDF renders run in child processes within server-wide slots
(imr_site.reports.render_limits), so a thread waiting for one holds neither the GIL nor a
core. The gevent worker handled the slow clients too but hung on forked renders; sync workers
with the same slots left searches unanswered during a PDF flood. Command-line options
override any setting here.
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
# gunicorn's default, stated: the site offers GET links only up to limits.MAX_LINK_CHARS and
# takes longer packs (long notes) by POST
limit_request_line = 4094
