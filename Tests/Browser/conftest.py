"""Fixtures for the browser tests: a real `danvan serve` on a free port and headless Chromium.

Environment:
  DANVAN_BIN   path of the danvan binary (default: <repo>/.build/debug/danvan)
Artifacts (screenshots, page sources, server log) go to Tests/Browser/artifacts/.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
ARTIFACTS = HERE / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

PHONE = (360, 780)  # the narrowest phone officials carry (issue: daily work)
DESKTOP = (1366, 900)  # the office PC the issue names
STARTUP_TIMEOUT = 120.0  # the first start imports ~17,000 administrative units

PASSWORD_MARKER = "one-time password): "


def artifact_path(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name)
    return ARTIFACTS / safe


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    base_url: str
    admin_password: str
    process: subprocess.Popen
    log: list[str] = field(default_factory=list)
    #: demo user name → (one-time password, role, organisation), for a server started with --demo
    accounts: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log[-lines:])


def _danvan_bin() -> Path:
    raw = os.environ.get("DANVAN_BIN") or str(REPO / ".build" / "debug" / "danvan")
    path = Path(raw)
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"danvan binary not found or not executable: {path} (set DANVAN_BIN)")
    return path


def _healthz_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
            return r.status == 200
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Start `danvan serve` on a fresh data folder; yield a Server; stop it afterwards."""
    yield from _serve(tmp_path_factory, "server", [])


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """`danvan serve --demo` on a fresh data folder: the seeds' places and a user of each role
    (their one-time passwords in `accounts`)."""
    yield from _serve(tmp_path_factory, "demo-server", ["--demo"])


DEMO_ACCOUNT = re.compile(r"^\s+(demo\.\S+)\t(\S+)\t(\S+)\t(.+)$")


def _serve(tmp_path_factory, name: str, arguments: list[str]):
    binary = _danvan_bin()
    data = tmp_path_factory.mktemp("danvan-data")
    port = free_port()
    env = dict(os.environ)
    for variable in ("DANVAN_DATABASE_URL", "DANVAN_DATA", "DANVAN_PORT", "DANVAN_HOST"):
        env.pop(variable, None)  # the browser test always runs on its own SQLite folder
    env["DANVAN_BCRYPT_COST"] = "4"
    cmd = [str(binary), "serve", "--data", str(data), "--port", str(port), "--host", "127.0.0.1"] + arguments
    log_file = artifact_path(name + ".log").open("w", encoding="utf-8")
    log_file.write("$ " + " ".join(cmd) + "\n")
    proc = subprocess.Popen(
        cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace", bufsize=1,
    )
    srv = Server(base_url=f"http://127.0.0.1:{port}", admin_password="", process=proc)
    url_seen = threading.Event()
    password_seen = threading.Event()

    def pump():
        assert proc.stdout is not None
        for line in proc.stdout:
            line = line.rstrip("\n")
            srv.log.append(line)
            log_file.write(line + "\n")
            log_file.flush()
            account = DEMO_ACCOUNT.match(line)
            if account:
                srv.accounts[account.group(1)] = (account.group(2), account.group(3), account.group(4))
            if PASSWORD_MARKER in line and not password_seen.is_set():
                srv.admin_password = line.split(PASSWORD_MARKER, 1)[1].strip()
                password_seen.set()
            if srv.base_url in line:
                url_seen.set()

    reader = threading.Thread(target=pump, name="danvan-stdout", daemon=True)
    reader.start()

    def stop():
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        reader.join(timeout=5)
        log_file.write(f"[exit status {proc.returncode}]\n")
        log_file.close()

    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        started = time.monotonic()
        ready = False
        healthy_since = None
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                reader.join(timeout=5)
                pytest.fail(f"danvan serve exited with status {proc.returncode} during start-up:\n"
                            + srv.log_tail())
            if healthy_since is None and _healthz_ok(srv.base_url):
                healthy_since = time.monotonic()
            if healthy_since is not None and password_seen.is_set() and url_seen.is_set():
                ready = True
                break
            if healthy_since is not None and time.monotonic() - healthy_since > 10:
                pytest.fail(
                    "GET /healthz answers 200 but after 10 s stdout still lacks "
                    + ("" if password_seen.is_set() else f"the line containing {PASSWORD_MARKER!r} ")
                    + ("" if url_seen.is_set() else f"the line containing {srv.base_url} ")
                    + "— is stdout block-buffered when it is a pipe? (flush stdout after printing)\n"
                    + srv.log_tail())
            time.sleep(0.25)
        if not ready:
            missing = [what for what, ok in (
                (f"a line containing {PASSWORD_MARKER!r}", password_seen.is_set()),
                (f"a line containing {srv.base_url}", url_seen.is_set()),
                ("GET /healthz = 200", _healthz_ok(srv.base_url)),
            ) if not ok]
            pytest.fail(f"danvan serve not ready after {STARTUP_TIMEOUT:.0f} s; missing: "
                        + "; ".join(missing) + "\n" + srv.log_tail())
        assert srv.admin_password, "the one-time password line was empty"
        print(f"\n[conftest] danvan ready at {srv.base_url} in {time.monotonic() - started:.1f} s")
    except BaseException:
        stop()
        raise

    yield srv
    stop()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def _chrome_options(language: str = "vi-VN") -> webdriver.ChromeOptions:
    """Chromium as an official runs it; `language` is the browser's own (its date fields follow it)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--lang={language}",
        f"--window-size={PHONE[0]},{PHONE[1]}",
    ):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {
        "credentials_enable_service": False,
        "profile.password_manager_enabled": False,
        "profile.password_manager_leak_detection": False,
        "intl.accept_languages": f"{language},{language.split('-')[0]}",
    })
    return options


def set_phone(driver) -> None:
    """Emulate a 360x780 phone (headless Chromium will not make a real window under 500 px)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": PHONE[0], "height": PHONE[1], "deviceScaleFactor": 1, "mobile": True,
    })


def set_desktop(driver) -> None:
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.set_window_size(*DESKTOP)


@pytest.fixture
def browser(request):
    yield from _browser(request, "vi-VN")


@pytest.fixture
def english_browser(request):
    """Chromium set to English, as on the English Windows many offices run."""
    yield from _browser(request, "en-US")


def _browser(request, language: str):
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        pytest.fail(f"need {CHROMIUM} and {CHROMEDRIVER}: run scripts/browser-deps")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=_chrome_options(language))
    driver.set_page_load_timeout(60)
    set_phone(driver)
    yield driver
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        base = request.node.name + "-failure"
        try:
            driver.save_screenshot(str(artifact_path(base + ".png")))
            artifact_path(base + ".html").write_text(driver.page_source, encoding="utf-8")
            print(f"\n[conftest] failure at {driver.current_url}; screenshot: "
                  f"{artifact_path(base + '.png')}")
        except Exception as exc:  # never hide the real failure
            print(f"\n[conftest] could not save failure screenshot: {exc}")
        if "server" in request.fixturenames:
            print("[conftest] server log tail:\n" + request.getfixturevalue("server").log_tail(30))
    driver.quit()


def pytest_collection_modifyitems(session, config, items):
    """The hierarchy journey signs the first administrator in with the one-time password and
    changes it (what it tests), so it runs first; the others sign in with the changed one."""
    items.sort(key=lambda item: 0 if item.module.__name__ == "test_hierarchy_journey" else 1)
