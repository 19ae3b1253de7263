"""A real local Kafka broker, assembled from Maven Central: one KRaft node, no ZooKeeper.

    python tools/kafka/broker.py start   # formats storage once, waits, records the pid
    python tools/kafka/broker.py stop
    python tools/kafka/broker.py status

`pom.xml` copies `org.apache.kafka:kafka_2.13` and its runtime dependencies into `dist/`;
the broker runs straight from those jars (`kafka.Kafka`), combined broker and controller,
clients on 127.0.0.1:9092 and the controller quorum on 9093. Only the standard library is
used, so `make kafka` needs no virtualenv. Everything lives under `.kafka/` at the
repository root (git-ignored).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DIST = HERE / "dist"
BASE = Path(os.environ.get("SEGUE_KAFKA_HOME", ROOT / ".kafka"))
PORT = int(os.environ.get("SEGUE_KAFKA_PORT", "9092"))
CONTROLLER_PORT = PORT + 1
HEAP = os.environ.get("SEGUE_KAFKA_HEAP", "512m")
JAVA_HOMES = ("/usr/lib/jvm/java-17-openjdk-amd64", "/usr/lib/jvm/temurin-25-jdk-amd64")
PID_FILE = BASE / "pid"


def java() -> str:
    """Kafka 4.x brokers need Java 17 or newer."""
    if os.environ.get("KAFKA_JAVA_HOME"):
        return str(Path(os.environ["KAFKA_JAVA_HOME"], "bin", "java"))
    for home in JAVA_HOMES:
        if Path(home, "bin", "java").exists():
            return str(Path(home, "bin", "java"))
    sys.exit("no Java 17+ found: set KAFKA_JAVA_HOME")


def fetch() -> None:
    """Maven resolves into ~/.m2 once; later runs copy from the cache without network."""
    if any(DIST.glob("kafka_2.13-*.jar")):
        return
    subprocess.run(["mvn", "-q", "-B", "-f", str(HERE / "pom.xml"), "package"], check=True)
    shutil.rmtree(HERE / "target", ignore_errors=True)


def configure() -> Path:
    """A combined broker+controller; topics are created by Segue, never by accident."""
    settings = {
        "process.roles": "broker,controller",
        "node.id": "1",
        "controller.quorum.bootstrap.servers": f"127.0.0.1:{CONTROLLER_PORT}",
        "listeners": f"PLAINTEXT://127.0.0.1:{PORT},CONTROLLER://127.0.0.1:{CONTROLLER_PORT}",
        "advertised.listeners": f"PLAINTEXT://127.0.0.1:{PORT}",
        "controller.listener.names": "CONTROLLER",
        "inter.broker.listener.name": "PLAINTEXT",
        "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs": str(BASE / "data"),
        "num.partitions": "3",
        "auto.create.topics.enable": "false",
        "offsets.topic.replication.factor": "1",
        "offsets.topic.num.partitions": "3",
        "share.coordinator.state.topic.replication.factor": "1",
        "transaction.state.log.replication.factor": "1",
        "transaction.state.log.min.isr": "1",
        "group.initial.rebalance.delay.ms": "0",
    }
    conf = BASE / "server.properties"
    conf.write_text("".join(f"{key}={value}\n" for key, value in settings.items()))
    (BASE / "log4j2.properties").write_text(
        "rootLogger.level=WARN\nrootLogger.appenderRef.out.ref=out\n"
        "appender.out.type=Console\nappender.out.name=out\n"
        "appender.out.layout.type=PatternLayout\n"
        "appender.out.layout.pattern=[%d] %p %m (%c)%n\n")
    return conf


def command(main: str, *args: str) -> list[str]:
    return [java(), f"-Xms{HEAP}", f"-Xmx{HEAP}", "-XX:+UseG1GC",
            f"-Dlog4j2.configurationFile={BASE / 'log4j2.properties'}",
            "-cp", f"{DIST}/*", main, *args]


def format_storage(conf: Path) -> None:
    """KRaft storage is formatted once with a cluster id (Kafka's base64url UUID)."""
    if (BASE / "data" / "meta.properties").exists():
        return
    cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    subprocess.run(command("kafka.tools.StorageTool", "format", "-t", cluster_id,
                           "-c", str(conf), "--standalone", "--ignore-formatted"),
                   check=True, stdout=subprocess.DEVNULL)


def alive(pid: int) -> bool:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


def running() -> int | None:
    if PID_FILE.exists():
        pid = int(PID_FILE.read_text())
        if alive(pid):
            return pid
    return None


def accepts(timeout: float = 1.0) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", PORT), timeout):
        return True
    return False


def start(fresh: bool) -> None:
    fetch()
    if running():
        print(f"Kafka already running on 127.0.0.1:{PORT} (pid {running()})")
        return
    if fresh:
        shutil.rmtree(BASE / "data", ignore_errors=True)
    BASE.mkdir(parents=True, exist_ok=True)
    conf = configure()
    format_storage(conf)
    log = open(BASE / "broker.log", "ab")  # noqa: SIM115 (outlives us)
    process = subprocess.Popen(command("kafka.Kafka", str(conf)), stdout=log,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               start_new_session=True, cwd=BASE)
    PID_FILE.write_text(str(process.pid))
    started = time.monotonic()
    while time.monotonic() - started < 120:
        if not alive(process.pid):
            lines = (BASE / "broker.log").read_text(errors="replace").splitlines()[-30:]
            sys.exit("Kafka broker exited; last lines of .kafka/broker.log:\n" + "\n".join(lines))
        if accepts():
            print(f"Kafka broker on 127.0.0.1:{PORT} in {time.monotonic() - started:.0f}s "
                  f"(pid {process.pid}, data in {BASE})")
            return
        time.sleep(0.5)
    stop()
    sys.exit("Kafka broker did not accept connections within 120s")


def stop(timeout: float = 30.0) -> None:
    pid = running()
    if pid:
        os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if alive(pid):
            os.killpg(pid, signal.SIGKILL)
    PID_FILE.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    start_cmd = sub.add_parser("start")
    start_cmd.add_argument("--fresh", action="store_true", help="empty the broker's data first")
    sub.add_parser("stop")
    sub.add_parser("status")
    args = parser.parse_args()
    if args.command == "start":
        start(args.fresh)
    elif args.command == "stop":
        stop()
    else:
        pid = running()
        print(f"running, pid {pid}" if pid else "stopped")
        raise SystemExit(0 if pid else 1)


if __name__ == "__main__":
    main()
