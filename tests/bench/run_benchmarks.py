#!/usr/bin/env python3
"""run_benchmarks.py - runs every benchmark and writes README's figures table.

Usage:
  tests/bench/run_benchmarks.py [--build build] [--workloads DIR] [--runs 3] [--no-gui]
                                [--write-readme README.md]
  tests/bench/run_benchmarks.py --smoke [--build build]     # .ci/run: a minute or so

Every figure is printed beside a ceiling (or peer) measured in the same run, and the ratio of
the two is what is compared with the target: the machine is shared and noisy, so absolute
rates move with the load while ratios taken seconds apart mostly do not. Each benchmark runs
--runs times; the table shows medians. Benchmarks verify their workloads' checksums
(gen_workloads.py's expected.json); a checksum mismatch fails the run.

--smoke runs the parser and ingest benchmarks once and fails (exit 1) only when a ratio falls
below a third of its target: it catches a 10x regression, not noise.
"""
import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
NODE_DIR = os.path.join(REPO, 'tests', 'realservers', 'node')
TABLE_BEGIN = '<!-- benchmark table: written by tests/bench/run_benchmarks.py -->'
TABLE_END = '<!-- end of benchmark table -->'

# Targets: ratio of the figure to its ceiling measured in the same run (issue 16).
PARSER_TARGETS = {'small.sse': 0.45, 'crlf.sse': 0.45}
INGEST_TARGET = 0.40          # ssecat --format count vs curl on the same server
CHUNK_EVENTS = 200000         # one chunk per event
CLOSE_SLACK_MB = 30.0         # resident memory after closing a 1 M event log


class Failure(Exception):
    pass


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def run(cmd, timeout=900, env=None):
    """Runs cmd; returns (stdout, wall seconds, CPU seconds of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return p, wall, cpu


def workloads(path):
    if os.path.exists(os.path.join(path, 'expected.json')):
        return path
    shared = os.path.join(REPO, '..', 'shared', 'bench', 'gen_workloads.py')
    gen = shared if os.path.exists(shared) else os.path.join(HERE, 'gen_workloads.py')
    log(f'generating workloads into {path} with {gen}')
    os.makedirs(path, exist_ok=True)
    subprocess.run([sys.executable, gen, path], check=True, stdout=subprocess.DEVNULL)
    return path


def median(values):
    return statistics.median(values) if values else float('nan')


class Row:
    def __init__(self, name, figure, ceiling, ratio=None, target=None, verdict=None):
        self.name, self.figure, self.ceiling = name, figure, ceiling
        self.ratio, self.target, self.verdict = ratio, target, verdict

    def target_text(self):
        if self.target is None:
            return '—'
        return self.target if isinstance(self.target, str) else f'≥ {self.target:.0%} of the ceiling'

    def verdict_text(self):
        if self.verdict is not None:
            return self.verdict
        if self.target is None or isinstance(self.target, str) or self.ratio is None:
            return '—'
        return 'met' if self.ratio >= self.target else 'MISSED'


# --- parser ----------------------------------------------------------------------------------

PARSER_LINE = re.compile(r'^(\S+\.sse)\s+(\d+) events\s+([\d.]+) MB/s\s+([\d.]+) ([Mk]) events/s\s+'
                         r'ceiling\(memchr\)\s+([\d.]+) MB/s\s+(OK|FAIL)')


def bench_parser(build, wl, runs, files=None):
    results = {}
    for _ in range(runs):
        p, _, _ = run([os.path.join(build, 'tests/bench/bench_parser'), wl, '--repeat', '3'])
        if p.returncode != 0:
            raise Failure('bench_parser failed its checksums:\n' + p.stdout + p.stderr)
        for line in p.stdout.splitlines():
            m = PARSER_LINE.match(line)
            if not m:
                continue
            rate = float(m.group(4)) * (1e6 if m.group(5) == 'M' else 1e3)
            mbps, ceiling = float(m.group(3)), float(m.group(6))
            results.setdefault(m.group(1), []).append((rate, mbps, ceiling, mbps / ceiling))
    rows = []
    for name in files or ['small.sse', 'crlf.sse', 'unicode.sse', 'multiline.sse', 'large.sse']:
        r = results.get(name)
        if not r:
            raise Failure(f'bench_parser printed no figure for {name}')
        rate, mbps, ceiling, ratio = (median([x[i] for x in r]) for i in range(4))
        figure = (f'{rate / 1e6:.2f} M events/s ({mbps:.0f} MB/s)' if rate >= 1e5
                  else f'{mbps:.0f} MB/s ({rate:.0f} events/s)')
        rows.append(Row(f'parser, {name}', figure,
                        f'memchr scan {ceiling:.0f} MB/s', ratio, PARSER_TARGETS.get(name)))
    return rows


# --- ingest ----------------------------------------------------------------------------------

def bench_ingest(build, wl, runs):
    got = []
    for _ in range(runs):
        p, _, _ = run([os.path.join(build, 'tests/bench/bench_ingest'), wl, '--runs', '1'],
                      env=dict(os.environ, SSE_BUILD_DIR=build))
        out = p.stdout
        if p.returncode != 0 or 'verification (events and dataBytes equal expected.json): OK' not in out:
            raise Failure('bench_ingest failed:\n' + out + p.stderr)
        curl = re.search(r'curl ceiling:\s+([\d.]+) s', out)
        own = re.search(r'ssecat end to end:\s+([\d.]+) s\s+[\d.]+ MB/s\s+([\d.]+) M events/s', out)
        if not curl or not own:
            raise Failure('bench_ingest printed no figures:\n' + out)
        got.append((float(own.group(2)) * 1e6, float(curl.group(1)) / float(own.group(1)),
                    float(own.group(2)) * 1e6 * float(own.group(1)) / float(curl.group(1))))
    rate, ratio, curl_rate = (median([g[i] for g in got]) for i in range(3))
    return [Row('`ssecat --format count`, small.sse in 256 KiB writes',
                f'{rate / 1e6:.2f} M events/s', f'curl {curl_rate / 1e6:.1f} M events/s-equivalent',
                ratio, INGEST_TARGET)]


# --- memory ----------------------------------------------------------------------------------

def bench_eventlog(build, wl):
    p, _, _ = run([os.path.join(build, 'tests/bench/bench_eventlog'), wl, '--no-io'])
    out = p.stdout
    if p.returncode != 0:
        raise Failure('bench_eventlog failed:\n' + out + p.stderr)
    growth = re.search(r'resident growth:\s+([\d.]+) MB = ([\d.]+) x', out)
    ceiling = re.search(r'Ceiling, QList<sse::Event>.*?([\d.]+) ?x', out, re.S)
    closed = re.search(r'after closing:\s+(-?[\d.]+) MB', out)
    rows = []
    if growth:
        rows.append(Row('log model, 1 M small events', f'{float(growth.group(2)):.2f}× the raw bytes',
                        f'QList<Event>: {float(ceiling.group(1)):.2f}×' if ceiling else '—',
                        None, '< 2.5×', 'met' if float(growth.group(2)) < 2.5 else 'MISSED'))
    if closed:
        mb = float(closed.group(1))
        rows.append(Row('memory after closing that log', f'{mb:+.1f} MB resident',
                        'the process before the log: +0 MB', None, f'within +{CLOSE_SLACK_MB:.0f} MB',
                        'met' if mb <= CLOSE_SLACK_MB else 'MISSED'))
    return rows


# --- one chunk per event ---------------------------------------------------------------------

def start_chunk_server(count, h2c=False):
    server = subprocess.Popen(['node', os.path.join(HERE, 'chunk_server.mjs'), '0', str(count)]
                              + (['h2c'] if h2c else []), stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    m = re.match(r'listening (\d+)', line)
    if not m:
        server.kill()
        raise Failure('chunk_server.mjs did not start: ' + line)
    return server, f'http://127.0.0.1:{m.group(1)}/feed'


NGINX_CONF = """daemon off;
worker_processes 1;
pid DIR/nginx.pid;
error_log DIR/error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path DIR/client_body;
    proxy_temp_path DIR/proxy;
    fastcgi_temp_path DIR/fastcgi;
    uwsgi_temp_path DIR/uwsgi;
    scgi_temp_path DIR/scgi;
    server {
        listen 127.0.0.1:PORT ssl http2;
        ssl_certificate CERT;
        ssl_certificate_key KEY;
        location / { proxy_pass UPSTREAM; proxy_buffering off; proxy_http_version 1.1; }
    }
}
"""


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def start_nginx(upstream, tmp):
    """A private nginx with TLS (HTTP/1.1 and HTTP/2 by ALPN) in front of the chunk server, as
    tests/tst_realservers.cpp runs it; returns (process, https URL)."""
    port = free_port()
    data = os.path.join(REPO, 'tests', 'data')
    conf = (NGINX_CONF.replace('DIR', tmp).replace('PORT', str(port))
            .replace('UPSTREAM', upstream.rsplit('/', 1)[0] + '/')
            .replace('CERT', os.path.join(data, 'localhost.crt'))
            .replace('KEY', os.path.join(data, 'localhost.key')))
    if os.geteuid() == 0:
        conf = 'user root;\n' + conf
    with open(os.path.join(tmp, 'nginx.conf'), 'w') as f:
        f.write(conf)
    nginx = subprocess.Popen(['/usr/sbin/nginx', '-c', os.path.join(tmp, 'nginx.conf'), '-p', tmp,
                              '-e', os.path.join(tmp, 'error.log')])
    import socket
    for _ in range(100):
        try:
            socket.create_connection(('127.0.0.1', port), timeout=1).close()
            return nginx, f'https://127.0.0.1:{port}/feed'
        except OSError:
            time.sleep(0.1)
    nginx.kill()
    raise Failure('nginx did not start')


def read_stream(build, url, n, runs, tls=False, h2c=False):
    """Runs each reader of the per-event stream at url; returns {name: [(wall, cpu), ...]}.
    h2c: the server speaks only cleartext HTTP/2 (node's eventsource cannot read it)."""
    insecure = ['-k'] if tls else []
    http2 = ['--http2'] if tls else ['--http2-prior-knowledge'] if h2c else []
    clients = {
        'curl': (['curl', '-sN'] + insecure + http2 + [url, '-o', os.devnull], None),
        'node eventsource': (['node', os.path.join(NODE_DIR, 'count_client.mjs'), url, str(n)],
                             lambda out: out.split()[0] == str(n)),
        'bare QNetworkReply': ([os.path.join(build, 'tests/bench/bench_rawreply'), url]
                               + (['--h2c'] if h2c else []), None),
        'ssecat': ([os.path.join(build, 'app/ssecat/ssecat'), '--format', 'count', '-n', str(n)]
                   + insecure + (['--http2-prior-knowledge'] if h2c else []) + [url],
                   lambda out: json.loads(out).get('events') == n),
    }
    if h2c:
        del clients['node eventsource']
    env = dict(os.environ, NODE_TLS_REJECT_UNAUTHORIZED='0') if tls else None
    got = {name: [] for name in clients}
    for _ in range(runs):
        for name, (cmd, check) in clients.items():
            p, wall, cpu = run(cmd, timeout=300, env=env)
            if p.returncode != 0 or (check and not check(p.stdout.strip())):
                raise Failure(f'{name} on the per-event stream failed: {p.stdout[-300:]} {p.stderr[-300:]}')
            got[name].append((wall, cpu))
    return got


ENGINE_SHARE = 0.25           # plain HTTP/1.1 per-event chunks: ssecat's CPU over a bare reply's


def chunk_rows(got, n, label, node_wall=None, against_node=True):
    """node_wall: node's time on the HTTP/1.1 stream, the peer when node cannot read this one.
    against_node: the goal is node's wall time; otherwise (plain HTTP/1.1, where Qt's chunked
    reader is the cost, issue 16) the engine's CPU per event beyond a bare QNetworkReply's."""
    walls = {k: median([w for w, _ in v]) for k, v in got.items() if v}
    cpus = {k: median([c for _, c in v]) for k, v in got.items() if v}
    node = walls.get('node eventsource', node_wall)
    rows = []
    for name in ['ssecat', 'bare QNetworkReply', 'node eventsource']:
        if name not in walls:
            continue
        peer = ''
        if name == 'ssecat' and node is not None:
            peer = f'; node {node:.2f} s' + ('' if 'node eventsource' in walls else ' (HTTP/1.1)')
        rows.append(Row(f'{label}: {name}',
                        f'{walls[name]:.2f} s, {cpus[name] / n * 1e6:.1f} µs CPU/event',
                        f'curl {walls["curl"]:.2f} s, {cpus["curl"] / n * 1e6:.1f} µs CPU/event' + peer,
                        walls['curl'] / walls[name]))
    if not against_node:
        share = cpus['ssecat'] / cpus['bare QNetworkReply'] - 1
        rows[0].figure += f' ({share:+.0%} over the bare reply)'
        rows[0].target = f'CPU/event ≤ bare QNetworkReply + {ENGINE_SHARE:.0%}'
        rows[0].verdict = 'met' if share <= ENGINE_SHARE else 'MISSED'
    elif node is not None:
        rows[0].target = 'as fast as node'
        rows[0].verdict = 'met' if walls['ssecat'] <= node else 'MISSED'
    return rows


def bench_chunks(build, runs):
    """The same per-event stream read by curl (ceiling), node's eventsource (peer), a bare
    QNetworkReply (Qt's own cost) and ssecat (the engine): wall time and CPU per event, straight
    from node over plain HTTP/1.1 and through nginx over TLS (curl and Qt speak HTTP/2 there,
    node's eventsource HTTP/1.1)."""
    if not shutil.which('node') or not os.path.isdir(os.path.join(NODE_DIR, 'node_modules')):
        log('skipping one-chunk-per-event: node or tests/realservers/node/node_modules missing')
        return []
    rows = []
    server, url = start_chunk_server(CHUNK_EVENTS)
    try:
        plain = read_stream(build, url, CHUNK_EVENTS, runs)
        node_wall = median([w for w, _ in plain['node eventsource']])
        rows += chunk_rows(plain, CHUNK_EVENTS,
                           f'one chunk per event, {CHUNK_EVENTS:,} events, plain HTTP/1.1',
                           against_node=False)
        if os.path.exists('/usr/sbin/nginx'):
            with tempfile.TemporaryDirectory() as tmp:
                nginx, tls_url = start_nginx(url, tmp)
                try:
                    rows += chunk_rows(read_stream(build, tls_url, CHUNK_EVENTS, runs, tls=True),
                                       CHUNK_EVENTS, 'the same through nginx, TLS, HTTP/2')
                finally:
                    nginx.terminate()
                    nginx.wait()
    finally:
        server.kill()
        server.wait()
    # The same writes from node's http2 module on a plain port (cleartext HTTP/2, prior knowledge).
    server, url = start_chunk_server(CHUNK_EVENTS, h2c=True)
    try:
        rows += chunk_rows(read_stream(build, url, CHUNK_EVENTS, runs, h2c=True), CHUNK_EVENTS,
                           'the same from node over cleartext HTTP/2 (h2c)', node_wall)
    finally:
        server.kill()
        server.wait()
    return rows


# --- GUI -------------------------------------------------------------------------------------

GUI_LINE = re.compile(r'^(.{1,40}?)\s+(\d+)\s+(\S+)\s+(\S+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+'
                      r'(\d+)%\s+(\d+)%\s+([\d.]+)\s+([\d.]+)\s+(.*?)\s+(met|MISSED|BROKEN)$')


GUI_MEMORY = re.compile(r'resident growth:\s+([\d.]+) MB = ([\d.]+)x raw.*target < ([\d.]+)x: (met|MISSED)')
GUI_MEMORY_CEILING = re.compile(r'ceiling:\s+([\d.]+) MB = ([\d.]+)x raw')
GUI_CLOSED = re.compile(r'after closing:\s+([-+]?[\d.]+) MB .*target within \+([\d.]+) MB: (met|MISSED|BROKEN)')
GUI_HOSTILE = re.compile(r'^(.{1,28}?)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+'
                         r'([\d.]+)\s+[\d.]+/[\d.]+\s+(-?[\d.]+)\s+([\d.]+)\s+(\d+)\s+(-?[\d.]+)\s+(met|MISSED|BROKEN)$')
GUI_HOSTILE_TARGET = re.compile(r'Targets: UI p99 < (\d+) ms, peak resident growth < (\d+) MiB')
GUI_IDLE = re.compile(r'idle: ([\d.]+)% of a core, ([\d.]+) wake-ups/s \(UI thread ([\d.]+)/s\), ([\d.]+) events/s.*'
                      r'floor \(bare QNetworkReplies\): ([\d.]+)%, ([\d.]+) wake-ups/s.*'
                      r'with EventSource\'s read-buffer bound: ([\d.]+)%, ([\d.]+) wake-ups/s.*'
                      r'target <= ([\d.]+)% of a core and <= bounded floor \+ ([\d.]+) wake-ups/s: (met|MISSED|BROKEN)')


def gui_rate_rows(out):
    rows = []
    for line in out.splitlines():
        m = GUI_LINE.match(line)
        if not m:
            continue
        name, tabs, offered, absorbed, p99 = m.group(1), m.group(2), m.group(3), m.group(4), m.group(6)
        label = name.strip() if 'tab' in name else f'{name.strip()} ({tabs} tabs)'
        rows.append(Row(f'GUI, {label}',
                        f'{absorbed} events/s, UI p99 {p99} ms',
                        f'offered {offered} events/s', None, m.group(12).strip(), m.group(13)))
    return rows


def gui_memory_rows(out):
    rows = []
    m, ceiling = GUI_MEMORY.search(out), GUI_MEMORY_CEILING.search(out)
    if m:
        rows.append(Row('GUI, 1 M events stored in one tab', f'{float(m.group(2)):.2f}× the raw bytes',
                        f'QList<Event>: {float(ceiling.group(2)):.2f}×' if ceiling else '—', None,
                        f'< {m.group(3)}×', m.group(4)))
    m = GUI_CLOSED.search(out)
    if m:
        rows.append(Row('GUI, memory after closing that tab', f'{float(m.group(1)):+.1f} MB resident',
                        'the window before the tab: +0 MB', None, f'within +{m.group(2)} MB',
                        m.group(3)))
    return rows


def gui_hostile_rows(out):
    rows = []
    target = GUI_HOSTILE_TARGET.search(out)
    target_text = f'p99 < {target.group(1)} ms, peak < {target.group(2)} MiB' if target else '—'
    for line in out.splitlines():
        m = GUI_HOSTILE.match(line)
        if not m:
            continue
        name, mb, secs, p99, peak = m.group(1).strip(), float(m.group(2)), float(m.group(3)), m.group(8), float(m.group(10))
        bare_s, bare_peak = float(m.group(11)), float(m.group(13))
        events = float(m.group(5))

        def rate_text(seconds):
            if events < 100:  # one huge event or line: bytes are what moves
                return f'{mb / seconds / 1e3:.1f} GB/s' if mb / seconds >= 1000 else f'{mb / seconds:.0f} MB/s'
            rate = events / seconds
            return f'{rate / 1e6:.2f} M events/s' if rate >= 1e5 else f'{rate:.0f} events/s'
        rate, bare_rate = rate_text(secs), rate_text(bare_s)
        rows.append(Row(f'GUI hostile: {name}',
                        f'{secs:.2f} s ({rate}), UI p99 {p99} ms, peak +{peak:.0f} MiB',
                        f'bare QNetworkReply {bare_s:.2f} s ({bare_rate}), peak +{bare_peak:.0f} MiB',
                        bare_s / secs, target_text, m.group(14)))
    return rows


def gui_idle_rows(out):
    m = GUI_IDLE.search(out)
    if not m:
        return []
    return [Row('GUI, 20 quiet tabs (1 event/s each), idle window',
                f'{float(m.group(1)):.2f}% of a core, {float(m.group(2)):.1f} wake-ups/s '
                f'(UI thread {float(m.group(3)):.1f}/s)',
                f'20 bare QNetworkReplies: {float(m.group(5)):.2f}%, {float(m.group(6)):.1f} wake-ups/s; '
                f'with EventSource\'s read-buffer bound: {float(m.group(7)):.2f}%, {float(m.group(8)):.1f} wake-ups/s',
                None, f'≤ {m.group(9)}% of a core, ≤ bounded floor + {m.group(10)} wake-ups/s', m.group(11))]


def bench_gui(build):
    env = dict(os.environ, QT_QPA_PLATFORM='offscreen')
    p, _, _ = run([os.path.join(build, 'tests/bench/bench_gui')], timeout=2400, env=env)
    out = p.stdout
    idle = gui_idle_rows(out)
    rows = gui_rate_rows(out) + idle + gui_memory_rows(out) + gui_hostile_rows(out)
    if p.returncode != 0 or not rows or not idle:
        raise Failure('bench_gui failed:\n' + out[-3000:] + p.stderr[-2000:])
    return rows


# --- the All streams overview ----------------------------------------------------------------

OVERVIEW_LINE = re.compile(r'^overview (hidden \(baseline\)|shown)\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)'
                           r'\s+([\d.]+)\s+(\d+)%.*?\s(-|met|MISSED|BROKEN)$', re.M)
OVERVIEW_REFRESH = re.compile(r'refreshes: (\d+) in \d+ s, each ([\d.]+) ms p50, ([\d.]+) ms max')
OVERVIEW_ROWS = re.compile(r'rows signalled per refresh: ([\d.]+) avg, (\d+) max of (\d+).*?'
                           r'rows whose shown values changed: ([\d.]+) avg')
OVERVIEW_ONLY = re.compile(r'signalled but unchanged: (\d+) rows, changed but not signalled: (\d+) rows'
                           r'.*?(met|MISSED)')
OVERVIEW_WARMUP = 120         # seconds: the figures of a window that has run for two minutes


def bench_overview(build):
    env = dict(os.environ, QT_QPA_PLATFORM='offscreen')
    p, _, _ = run([os.path.join(build, 'tests/bench/bench_overview'), '--warmup', str(OVERVIEW_WARMUP)],
                  timeout=900, env=env)
    out = p.stdout
    phases = {m.group(1): m for m in OVERVIEW_LINE.finditer(out)}
    hidden, shown = phases.get('hidden (baseline)'), phases.get('shown')
    refresh, rows, only = OVERVIEW_REFRESH.search(out), OVERVIEW_ROWS.search(out), OVERVIEW_ONLY.search(out)
    if p.returncode != 0 or not (hidden and shown and refresh and rows and only):
        raise Failure('bench_overview failed:\n' + out[-3000:] + p.stderr[-2000:])
    streams, offered = shown.group(2), int(shown.group(3))
    rate = offered // int(streams)
    return [Row(f'GUI, {streams} streams × {rate} events/s after {OVERVIEW_WARMUP // 60} min, '
                'All streams overview shown',
                f'UI p99 {shown.group(6)} ms; a refresh {refresh.group(2)} ms (p50), {refresh.group(3)} ms max',
                f'overview hidden: UI p99 {hidden.group(6)} ms', None, 'p99 < 50 ms', shown.group(9)),
            Row('the same: rows signalled per refresh',
                f'{float(rows.group(1)):.1f} of {rows.group(3)} rows (max {rows.group(2)}); '
                f'{only.group(1)} signalled unchanged, {only.group(2)} changed not signalled',
                f'rows whose shown values changed: {float(rows.group(4)):.1f}', None,
                'only changed rows', only.group(3))]


# --- ssecat --metrics ------------------------------------------------------------------------

METRICS_LINE = re.compile(r'--metrics (off \(baseline\)|on, no scrape|on, 1 scrape/s)\s+CPU\s+([\d.]+) ms per (\d+) s'
                          r'.*?([\d.]+) wake-ups/s(?:, ([\d.]+) ms CPU per scrape)?')


def bench_metrics(build):
    p, _, _ = run([os.path.join(build, 'tests/bench/bench_metrics')], timeout=600,
                  env=dict(os.environ, SSE_BUILD_DIR=build))
    if p.returncode != 0:
        raise Failure('bench_metrics failed:\n' + p.stdout + p.stderr)
    got = {m.group(1): m for m in METRICS_LINE.finditer(p.stdout)}
    off, idle, scraped = got.get('off (baseline)'), got.get('on, no scrape'), got.get('on, 1 scrape/s')
    if not (off and idle and scraped):
        raise Failure('bench_metrics printed no figures:\n' + p.stdout)
    extra = float(idle.group(2)) - float(off.group(2))
    return [Row('ssecat `--metrics`, 10 silent streams, between scrapes',
                f'{float(idle.group(2)):.2f} ms CPU per {idle.group(3)} s; '
                f'{float(scraped.group(5) or 0):.1f} ms per scrape',
                f'without `--metrics`: {float(off.group(2)):.2f} ms', None,
                'no measurable CPU (≤ +1 ms per window)', 'met' if extra <= 1.0 else 'MISSED')]


# --- table -----------------------------------------------------------------------------------

def table(rows, runs):
    lines = [TABLE_BEGIN,
             f'Parser, ingest and per-event rows: medians of {runs} runs; log model, metrics, GUI and overview: '
             'one run. On the 2-core development machine (shared with other builds); each ratio is '
             'taken against a ceiling measured in the same run.',
             '',
             '| benchmark | figure | ceiling or peer, same run | ratio | target | verdict |',
             '| --- | --- | --- | --- | --- | --- |']
    for r in rows:
        ratio = f'{r.ratio:.0%}' if r.ratio is not None else '—'
        lines.append(f'| {r.name} | {r.figure} | {r.ceiling} | {ratio} | {r.target_text()} | '
                     f'{r.verdict_text()} |')
    lines.append(TABLE_END)
    return '\n'.join(lines)


def write_readme(path, text):
    with open(path, encoding='utf-8') as f:
        readme = f.read()
    begin, end = readme.find(TABLE_BEGIN), readme.find(TABLE_END)
    if begin < 0 or end < 0:
        raise Failure(f'{path} has no benchmark table markers')
    readme = readme[:begin] + text + readme[end + len(TABLE_END):]
    with open(path, 'w', encoding='utf-8') as f:
        f.write(readme)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[1])
    ap.add_argument('--build', default=os.path.join(REPO, 'build'))
    ap.add_argument('--workloads', default=os.path.join(tempfile.gettempdir(), 'sse-workloads'))
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--no-gui', action='store_true')
    ap.add_argument('--smoke', action='store_true')
    ap.add_argument('--write-readme', metavar='README')
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    wl = workloads(os.path.abspath(args.workloads))
    try:
        if args.smoke:
            rows = bench_parser(build, wl, 1, ['small.sse']) + bench_ingest(build, wl, 1)
            print(table(rows, 1))
            low = [r for r in rows if r.ratio is not None and isinstance(r.target, float)
                   and r.ratio < r.target / 3]
            for r in low:
                print(f'SMOKE FAIL: {r.name}: {r.ratio:.0%} of its ceiling, below a third of the '
                      f'target {r.target:.0%}')
            return 1 if low else 0
        rows = bench_parser(build, wl, args.runs)
        rows += bench_ingest(build, wl, args.runs)
        rows += bench_chunks(build, args.runs)
        rows += bench_eventlog(build, wl)
        rows += bench_metrics(build)
        if not args.no_gui:
            rows += bench_gui(build)
            rows += bench_overview(build)
    except Failure as e:
        print(f'FAIL: {e}')
        return 1
    text = table(rows, args.runs)
    print(text)
    if args.write_readme:
        write_readme(args.write_readme, text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
