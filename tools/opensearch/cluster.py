"""A real local OpenSearch cluster, assembled from Maven Central, one process per node.

    python tools/opensearch/cluster.py start [--nodes 3]   # waits for green, records pids
    python tools/opensearch/cluster.py stop
    python tools/opensearch/cluster.py stop-node 2         # a real process stop (failover)
    python tools/opensearch/cluster.py start-node 2

The distribution (`integ-test-zip`, core modules only) and the k-NN plugin come as zips
from Maven Central through `pom.xml`; analysis-phonetic is published as a bare jar, so the
plugin zip is assembled here from it, its two dependencies and a descriptor. analysis-icu
is not published on Maven Central at all: the mappings use the core modules' folding
filters and char-filter tables generated from Segue's own analyzers instead.

Only the standard library is used, so `make opensearch` needs no virtualenv. Everything
lives under `.opensearch/` at the repository root (git-ignored).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DIST = HERE / "dist"


def _base() -> Path:
    """`.opensearch/` in the repository, unless nodes run as `nobody` (we are root) and
    cannot reach it (a clone under /root): then a directory under /var/tmp."""
    if os.environ.get("SEGUE_OPENSEARCH_HOME"):
        return Path(os.environ["SEGUE_OPENSEARCH_HOME"])
    reachable = all(folder.stat().st_mode & 0o001 for folder in (ROOT, *ROOT.parents))
    if os.geteuid() != 0 or reachable:
        return ROOT / ".opensearch"
    return Path("/var/tmp/segue-opensearch")


BASE = _base()
HOME = BASE / "home"
VERSION = "3.5.0"
HTTP_PORT = int(os.environ.get("SEGUE_OPENSEARCH_PORT", "9200"))
TRANSPORT_PORT = HTTP_PORT + 100
HEAP = os.environ.get("SEGUE_OPENSEARCH_HEAP", "512m")
JAVA_HOMES = ("/usr/lib/jvm/temurin-25-jdk-amd64", "/usr/lib/jvm/temurin-21-jdk-amd64")
PLUGINS = ("analysis-phonetic", "opensearch-knn")


def java_home() -> str:
    """OpenSearch 3.x needs Java 21+; the Debian default here is 17."""
    if os.environ.get("OPENSEARCH_JAVA_HOME"):
        return os.environ["OPENSEARCH_JAVA_HOME"]
    for candidate in JAVA_HOMES:
        if Path(candidate, "bin", "java").exists():
            return candidate
    sys.exit("no Java 21+ found: set OPENSEARCH_JAVA_HOME")


def fetch() -> None:
    """Maven resolves into ~/.m2 once; later runs copy from the cache without network."""
    if (DIST / "opensearch.zip").exists() and (DIST / "opensearch-knn.zip").exists():
        return
    subprocess.run(["mvn", "-q", "-B", "-f", str(HERE / "pom.xml"), "package"], check=True)


def phonetic_zip() -> Path:
    """Assemble the analysis-phonetic plugin zip from the jars Maven Central publishes."""
    target = DIST / "analysis-phonetic.zip"
    descriptor = "\n".join([
        "description=Phonetic analysis (metaphone, NYSIIS, ...)",
        f"version={VERSION}",
        "name=analysis-phonetic",
        "classname=org.opensearch.plugin.analysis.AnalysisPhoneticPlugin",
        "java.version=21",
        f"opensearch.version={VERSION}",
        "",
    ])
    with zipfile.ZipFile(target, "w") as out:
        out.writestr("plugin-descriptor.properties", descriptor)
        for jar in ("analysis-phonetic.jar", "lucene-analysis-phonetic.jar", "commons-codec.jar"):
            out.write(DIST / jar, jar)
    return target


def install() -> None:
    """Unpack the distribution and install the plugins, once."""
    marker = HOME / ".segue-installed"
    if marker.exists():
        return
    fetch()
    shutil.rmtree(HOME, ignore_errors=True)
    BASE.mkdir(parents=True, exist_ok=True)
    staging = BASE / "unpack"
    shutil.rmtree(staging, ignore_errors=True)
    with zipfile.ZipFile(DIST / "opensearch.zip") as archive:
        archive.extractall(staging)
    (staging / f"opensearch-{VERSION}").rename(HOME)
    staging.rmdir()
    for script in (HOME / "bin").iterdir():
        script.chmod(0o755)
    env = {**os.environ, "OPENSEARCH_JAVA_HOME": java_home()}
    sources = {"analysis-phonetic": phonetic_zip(), "opensearch-knn": DIST / "opensearch-knn.zip"}
    for name in PLUGINS:
        subprocess.run([str(HOME / "bin" / "opensearch-plugin"), "install", "--batch",
                        sources[name].as_uri()], check=True, env=env,
                       stdout=subprocess.DEVNULL)
    marker.touch()


def node_dir(i: int) -> Path:
    return BASE / f"node-{i}"


def configure(i: int, nodes: int) -> Path:
    """Each node gets its own config, data and log directories and its own ports."""
    conf = node_dir(i) / "config"
    if conf.exists():
        shutil.rmtree(conf)
    shutil.copytree(HOME / "config", conf)
    settings = {
        "cluster.name": "segue",
        "node.name": f"node-{i}",
        "path.data": str(node_dir(i) / "data"),
        "path.logs": str(node_dir(i) / "logs"),
        "network.host": "127.0.0.1",
        "http.port": HTTP_PORT + i,
        "transport.port": TRANSPORT_PORT + i,
        # vm.max_map_count is 65530 here and cannot be raised without privileges:
        # NIO file access instead of mmap avoids running out of map areas.
        "node.store.allow_mmap": False,
        "action.auto_create_index": True,
        "cluster.routing.allocation.disk.threshold_enabled": False,
    }
    if nodes == 1:
        settings["discovery.type"] = "single-node"
    else:
        settings["discovery.seed_hosts"] = [f"127.0.0.1:{TRANSPORT_PORT + j}"
                                            for j in range(nodes)]
        settings["cluster.initial_cluster_manager_nodes"] = [f"node-{j}" for j in range(nodes)]
    (conf / "opensearch.yml").write_text(
        "".join(f"{key}: {json.dumps(value)}\n" for key, value in settings.items()))
    options = conf / "jvm.options"
    # The shipped options name logs/ and data/ relative to the home: make them the node's.
    logs, data = node_dir(i) / "logs", node_dir(i) / "data"
    lines = [line.replace("file=logs/", f"file={logs}/").replace("=logs/", f"={logs}/")
             .replace("HeapDumpPath=data", f"HeapDumpPath={data}")
             for line in options.read_text().splitlines()
             if not line.startswith(("-Xms", "-Xmx"))]
    options.write_text("\n".join([f"-Xms{HEAP}", f"-Xmx{HEAP}", *lines]) + "\n")
    return conf


def pid_file(i: int) -> Path:
    return node_dir(i) / "pid"


def alive(pid: int) -> bool:
    """True while the process runs (a zombie left by a dead child does not count)."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


def as_service_user() -> list[str]:
    """OpenSearch refuses to run as root: when we are root, nodes run as `nobody`."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def hand_over(path: Path) -> None:
    """Let the service user write a node's directories."""
    if os.geteuid() != 0:
        return
    for folder, _, files in os.walk(path):
        os.chown(folder, 65534, 65534)
        for name in files:
            os.chown(Path(folder, name), 65534, 65534)


def start_node(i: int, nodes: int | None = None) -> int:
    """Start node i as its own process (its own session, so a stop is a real stop)."""
    if pid_file(i).exists() and alive(int(pid_file(i).read_text())):
        return int(pid_file(i).read_text())
    if nodes is None:
        nodes = int((BASE / "nodes").read_text())
    conf = node_dir(i) / "config"
    if not conf.exists():
        conf = configure(i, nodes)
    (node_dir(i) / "logs").mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "OPENSEARCH_JAVA_HOME": java_home(), "OPENSEARCH_PATH_CONF": str(conf)}
    env.pop("JAVA_HOME", None)
    (node_dir(i) / "data").mkdir(parents=True, exist_ok=True)
    hand_over(node_dir(i))
    log = open(node_dir(i) / "logs" / "stdout.log", "ab")  # noqa: SIM115 (outlives us)
    command = [*as_service_user(), str(HOME / "bin" / "opensearch")]
    process = subprocess.Popen(command, env=env, stdout=log, cwd=node_dir(i),
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               start_new_session=True)
    pid_file(i).write_text(str(process.pid))
    return process.pid


def stop_node(i: int, timeout: float = 60.0) -> None:
    """SIGTERM the node's process (and its session), SIGKILL if it does not go."""
    if not pid_file(i).exists():
        return
    pid = int(pid_file(i).read_text())
    if alive(pid):
        os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if alive(pid):
            os.killpg(pid, signal.SIGKILL)
    pid_file(i).unlink(missing_ok=True)


def health(port: int, query: str, timeout: float) -> dict | None:
    url = f"http://127.0.0.1:{port}/_cluster/health?{query}&timeout={int(timeout)}s"
    try:
        with urllib.request.urlopen(url, timeout=timeout + 5) as response:
            return json.load(response)
    except OSError:
        return None


def wait_green(nodes: int, timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for i in range(nodes):
            if pid_file(i).exists() and not alive(int(pid_file(i).read_text())):
                log = node_dir(i) / "logs" / "stdout.log"
                sys.exit(f"node-{i} exited; last lines of {log}:\n"
                         + "\n".join(log.read_text(errors="replace").splitlines()[-30:]))
        status = health(HTTP_PORT, f"wait_for_status=green&wait_for_nodes={nodes}", 10)
        if status and status.get("status") == "green" and not status.get("timed_out"):
            return
        time.sleep(1)
    sys.exit(f"cluster not green after {timeout:.0f}s")


def start(nodes: int) -> None:
    install()
    stop()
    BASE.mkdir(parents=True, exist_ok=True)
    for i in range(8):
        shutil.rmtree(node_dir(i), ignore_errors=True)
    (BASE / "nodes").write_text(str(nodes))
    for i in range(nodes):
        configure(i, nodes)
        start_node(i, nodes)
    started = time.monotonic()
    wait_green(nodes)
    print(f"OpenSearch {VERSION}: {nodes} node(s) green on http://127.0.0.1:{HTTP_PORT} "
          f"in {time.monotonic() - started:.0f}s (pids in {BASE}/node-*/pid)")


def stop() -> None:
    for i in range(8):
        stop_node(i)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("install")
    start_cmd = sub.add_parser("start")
    start_cmd.add_argument("--nodes", type=int, default=1, choices=(1, 2, 3))
    sub.add_parser("stop")
    for name in ("stop-node", "start-node"):
        sub.add_parser(name).add_argument("node", type=int)
    args = parser.parse_args()
    if args.command == "install":
        install()
    elif args.command == "start":
        start(args.nodes)
    elif args.command == "stop":
        stop()
    elif args.command == "stop-node":
        stop_node(args.node)
    else:
        start_node(args.node)


if __name__ == "__main__":
    main()
