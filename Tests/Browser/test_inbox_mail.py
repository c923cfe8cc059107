"""`danvan followup notify --mail`: one digest per user with an address, handed to msmtp, caught by
an aiosmtpd sink on 127.0.0.1 (no browser; never a real address or another host).

The demo is loaded into a fresh SQLite folder; `notify --today 16/03/2023` (the report's date)
adds the overdue events of its pending items. Two users of one organisation get an address
(``*.example.invalid``), a third with notifications has none, a fourth has an address and nothing new."""
from __future__ import annotations

import email
import email.policy
import sqlite3
import subprocess

import pytest
from aiosmtpd.controller import Controller

from conftest import _danvan_bin, free_port

TODAY = "16/03/2023"


class Sink:
    def __init__(self):
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content, policy=email.policy.default)))
        return "250 OK"


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory):
    data = tmp_path_factory.mktemp("inbox-mail")
    run = subprocess.run([str(_danvan_bin()), "demo", "load", "--data", str(data)], capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    return data


def notify(data, *arguments):
    return subprocess.run([str(_danvan_bin()), "followup", "notify", "--data", str(data), "--today", TODAY, *arguments],
                          capture_output=True, text=True, timeout=300)


def database(data):
    return sqlite3.connect(str(data / "danvan.sqlite"))


def unread(db, username):
    """(id, title) of a user's unread notifications of their current organisation, not yet mailed."""
    return db.execute("""SELECT n.id, n.title FROM notifications n JOIN users us ON us.id = n.user_id
                         WHERE us.username = ? AND n.read_at IS NULL AND n.mailed_at IS NULL AND n.organisation_id = us.organisation_id""",
                      (username,)).fetchall()


def test_one_digest_per_user_with_an_address_once(demo_folder):
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        mail = ["--mail", "--mail-from", "danvan@example.invalid", "--site-url", "http://127.0.0.1:9",
                "--mail-argument=--host=127.0.0.1", f"--mail-argument=--port={port}", "--mail-argument=--from=danvan@example.invalid",
                "--mail-argument=-t"]
        # E-mail is off unless asked for: the day's events are added, nothing is sent.
        first = notify(demo_folder)
        assert first.returncode == 0, first.stderr
        assert "thông báo quá hạn" in first.stdout
        assert sink.messages == []
        with database(demo_folder) as db:
            told = db.execute("""SELECT us.username FROM notifications n JOIN users us ON us.id = n.user_id
                                 WHERE n.read_at IS NULL GROUP BY us.username ORDER BY COUNT(*) DESC, us.username""").fetchall()
            assert len(told) >= 2, told
            # c: the letters they handle (no address); a: their organisation's items, and b, moved into a's organisation,
            # told of the same items by the next run.
            c, a = told[0][0], told[1][0]
            b = db.execute("SELECT username FROM users WHERE username LIKE 'demo.%' AND username NOT IN (?, ?) ORDER BY username",
                           (a, c)).fetchone()[0]
            db.execute("UPDATE users SET organisation_id = (SELECT organisation_id FROM users WHERE username = ?) WHERE username = ?", (a, b))
        assert notify(demo_folder).returncode == 0
        assert sink.messages == []
        with database(demo_folder) as db:
            db.execute("UPDATE users SET email = ? WHERE username = ?", (f"{a}@example.invalid", a))
            db.execute("UPDATE users SET email = ? WHERE username = ?", (f"{b}@example.invalid", b))
            # An address, but nothing new: no mail.
            quiet = db.execute("""SELECT username FROM users us WHERE username LIKE 'demo.%' AND username NOT IN (?, ?, ?)
                                  AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = us.id AND n.read_at IS NULL)
                                  ORDER BY username""", (a, b, c)).fetchone()[0]
            db.execute("UPDATE users SET email = ? WHERE username = ?", (f"{quiet}@example.invalid", quiet))
            expected = {a: unread(db, a), b: unread(db, b)}
            without = unread(db, c)
        assert all(expected.values()) and without

        # A program that fails is reported, and loses nothing: the next run sends.
        failing = notify(demo_folder, *[m.replace(f"--port={port}", f"--port={free_port()}") for m in mail])
        assert failing.returncode != 0
        assert "Không gửi được thư" in failing.stderr, failing.stderr
        assert sink.messages == []
        with database(demo_folder) as db:
            assert unread(db, a) == expected[a] and unread(db, b) == expected[b]

        sent = notify(demo_folder, *mail)
        assert sent.returncode == 0, sent.stderr
        assert "đã gửi 2 thư" in sent.stdout, sent.stdout
        assert sorted(rcpt for rcpts, _ in sink.messages for rcpt in rcpts) == sorted([f"{a}@example.invalid", f"{b}@example.invalid"])
        for rcpts, message in sink.messages:
            user = rcpts[0].split("@")[0]
            titles = [title for _, title in expected[user]]
            assert message["Subject"] == f"DanVan: {len(titles)} thông báo mới"
            assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"
            body = message.get_content()
            assert "Kính gửi" in body and "Xem hộp thông báo: http://127.0.0.1:9/inbox" in body
            for title in titles[:50]:
                assert title in body
        assert not any(f"{c}@example.invalid" in rcpts for rcpts, _ in sink.messages)
        with database(demo_folder) as db:
            assert unread(db, a) == [] and unread(db, b) == [] and unread(db, c) == without

        # A second run sends nothing new.
        again = notify(demo_folder, *mail)
        assert again.returncode == 0, again.stderr
        assert "đã gửi 0 thư" in again.stdout, again.stdout
        assert len(sink.messages) == 2
    finally:
        controller.stop()
