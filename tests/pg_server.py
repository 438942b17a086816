"""A throwaway PostgreSQL server for the tests and the benchmark.

``start()`` runs ``initdb`` into a new temporary folder and ``pg_ctl start`` on a free local
port (as the ``postgres`` system user when run as root: PostgreSQL refuses to run as root),
with a password over TCP (``PASSWORD``, in every URL the tests give: a test checks it
never comes out); ``stop()`` stops it and removes the folder. The binaries are
looked for on PATH, then under Debian's ``/usr/lib/postgresql/<version>/bin``. ``None`` with
the reason when no server can be started."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "s3cr3t-Pw-ordis"


@dataclass
class Server:
    url: str  # postgresql://postgres@127.0.0.1:PORT/postgres
    folder: Path | None  # None: a server given by ORDIS_TEST_POSTGRES_URL
    bin: Path | None

    def database_url(self, name: str) -> str:
        return self.url.rsplit("/", 1)[0] + "/" + name

    def stop(self) -> None:
        if self.folder is None or self.bin is None:
            return
        _as_postgres(
            [str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop"],
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def binaries() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    return debian[0].parent if debian else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres(command: list[str], check: bool = True) -> subprocess.CompletedProcess[str]:
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120)


def start() -> tuple[Server | None, str]:
    """A running server and '' , or None and why not."""
    given = os.environ.get("ORDIS_TEST_POSTGRES_URL")
    if given:
        return Server(given, None, None), ""
    folder_bin = binaries()
    if folder_bin is None:
        return None, "no PostgreSQL binaries (initdb) on PATH nor in /usr/lib/postgresql"
    folder = Path(tempfile.mkdtemp(prefix="ordis-pg-"))
    folder.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = _free_port()
    data = folder / "data"
    secret = folder / "pw"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    if os.geteuid() == 0:
        shutil.chown(secret, "postgres", "postgres")
    try:
        _as_postgres(
            [
                str(folder_bin / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                f"--pwfile={secret}",
                "--auth-host=scram-sha-256",
                "--auth-local=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",  # a throwaway server: no waiting for its files to reach the disk
            ]
        )
        _as_postgres(
            [
                str(folder_bin / "pg_ctl"),
                "-D",
                str(data),
                "-w",
                "-l",
                str(folder / "log"),
                "-o",
                f"-p {port} -k {folder} -h 127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                "start",
            ]
        )
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        shutil.rmtree(folder, ignore_errors=True)
        return None, f"PostgreSQL could not be started: {str(detail).strip()[:300]}"
    url = f"postgresql://postgres:{PASSWORD}@127.0.0.1:{port}/postgres"
    return Server(url, folder, folder_bin), ""
