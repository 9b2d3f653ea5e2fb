"""A real OpenID Connect provider on loopback, and the app logging in with it.

The provider is the PyPI package ``oidc-provider-mock`` (0.3.4), started as its own process
with its own command line, as a real provider would run: discovery, JWKS, authorize (a form
that asks for ``sub``), token, userinfo and end-session. Any client id is accepted (no
registration needed); a user's extra claims (e-mail, name) are preset over its HTTP API
(``PUT /users/<sub>``). The app is started by ``streamlit run`` with a secrets file whose
``[auth]`` points at the provider, exactly as README "Inloggen en rollen" describes it.

Use: ``from tests.e2e.oidc import oidc_provider  # noqa: F401`` in a test module, ask for the
fixture ``oidc_provider`` (a :class:`Provider`), and write a module fixture that prepares a
database (its ``app_user`` rows) and ``yield from start_login_app(...)``.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sv_analytics import config
from tests.conftest import ARTIFACTS, PROJECT
from tests.e2e.conftest import free_port, wait_for_health

CLIENT_ID = "sv-analytics-test"
CLIENT_SECRET = "test-geheim-" + "x" * 20


@dataclass(frozen=True)
class Provider:
    """The running provider: its base URL is also the ``iss`` of every token it issues."""

    url: str

    @property
    def issuer(self) -> str:
        return self.url

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def set_user(self, subject: str, **claims: str) -> None:
        """Preset the claims (e-mail, name …) the provider puts in ``subject``'s ID token."""
        request = urllib.request.Request(
            f"{self.url}/users/{subject}",
            data=json.dumps(claims).encode(),
            method="PUT",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 204, response.status


def _wait_for_provider(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oidc-provider-mock stopte met code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=2) as response:
                if response.status == 200 and json.load(response)["issuer"] == url:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"oidc-provider-mock niet bereikbaar op {url}")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    """``python -m oidc_provider_mock`` on a free loopback port, for one test module."""
    port = free_port()
    log = tmp_path_factory.mktemp("oidc") / "provider.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)],
        cwd=PROJECT, env={**os.environ, "NO_COLOR": "1"}, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_provider(url, process)
        yield Provider(url)
    finally:
        _stop(process)


def write_secrets(folder: Path, provider: Provider, app_port: int) -> Path:
    """The ``[auth]`` section of README "Inloggen en rollen", for this provider and port."""
    path = folder / "secrets.toml"
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        f'client_id = "{CLIENT_ID}"\n'
        f'client_secret = "{CLIENT_SECRET}"\n'
        f'server_metadata_url = "{provider.metadata_url}"\n',
        encoding="utf-8",
    )
    return path


@dataclass(frozen=True)
class LoginApp:
    url: str
    log: Path


def start_login_app(db_path: Path, provider: Provider, folder: Path) -> Iterator[LoginApp]:
    """``streamlit run app.py`` on loopback with the secrets file of :func:`write_secrets`
    (``--secrets.files``), so the app is in login mode; stopped when the generator ends."""
    port = free_port()
    secrets_file = write_secrets(folder, provider, port)
    log = folder / "streamlit.log"
    env = {**os.environ, config.ENV_DB_PATH: str(db_path), config.ENV_BASEMAP: "0"}
    process = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(PROJECT / "app.py"),
            "--server.port", str(port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--secrets.files", str(secrets_file),
        ],
        cwd=PROJECT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(url, process)
        yield LoginApp(url, log)
    finally:
        _stop(process)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(log, ARTIFACTS / "login-streamlit.log")  # tracebacks stay in the server log
