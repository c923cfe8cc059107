"""The API held to its document: schemathesis drives every operation of /api/openapi.json
against a real `danvan serve`, with a fixed seed, and fails on any 5xx or any difference
between the document and the answers (status codes, content types, schemas, unknown
methods, data the document refuses but the server accepts, or the reverse).

Run by `scripts/test` as its own pass ("contract"), after the browser journeys.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys

import requests

SEED = os.environ.get("DANVAN_CONTRACT_SEED", "20261130")
EXAMPLES = "30"


def csrf_of(page: str) -> str:
    match = re.search(r'name="_csrf" value="([^"]+)"', page)
    assert match, "no CSRF token on the page"
    return match.group(1)


def api_token(base: str, one_time_password: str) -> str:
    """Signs in as the first administrator, sets a password, and issues an API token."""
    s = requests.Session()
    login = s.get(base + "/login")
    s.post(base + "/login", data={"username": "admin", "password": one_time_password, "_csrf": csrf_of(login.text)})
    account = s.get(base + "/account/password")
    s.post(base + "/account/password", data={"current_password": one_time_password, "new_password": "Mat-khau-hop-dong-2026",
                                             "confirmation": "Mat-khau-hop-dong-2026", "_csrf": csrf_of(account.text)})
    account = s.get(base + "/account/password")
    issued = s.post(base + "/account/tokens", data={"name": "schemathesis", "_csrf": csrf_of(account.text)})
    match = re.search(r'id="token-value">([^<]+)<', issued.text)
    assert match, "no API token on the account page"
    return html.unescape(match.group(1)).strip()


def test_api_holds_to_its_document(server):
    token = api_token(server.base_url, server.admin_password)
    st = shutil.which("st") or shutil.which("schemathesis")
    assert st, "schemathesis is not installed (scripts/browser-deps installs it)"
    command = [st, "run", server.base_url + "/api/openapi.json", "--url", server.base_url,
               "--header", f"Authorization: Bearer {token}", "--checks", "all", "--seed", SEED,
               "--max-examples", EXAMPLES, "--workers", "1", "--no-color"]
    print("$ " + " ".join(command).replace(token, "***"))
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    print(result.stdout[-20000:])
    print(result.stderr[-5000:], file=sys.stderr)
    assert result.returncode == 0, "schemathesis found differences between /api/openapi.json and the server (see above)"
