"""Sending e-mail over SMTP: `NETWORKIT_SMTP_URL` is `smtp://` (STARTTLS), `smtps://` (TLS) or
`smtp+plain://` (neither, a local relay)."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from networkit_core.errors import InvalidInput
from networkit_core.settings import Settings

SCHEMES = {"smtp": "starttls", "smtps": "tls", "smtp+plain": "plain"}
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    security: str  # one of SCHEMES' values
    username: str
    password: str
    sender: str
    ca_file: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> MailSettings:
        try:
            settings = Settings.from_env(env)
        except ValueError as error:
            raise InvalidInput(str(error)) from None
        return cls.from_settings(settings)

    @classmethod
    def from_settings(cls, settings: Settings) -> MailSettings:
        """The SMTP settings checked, or an `InvalidInput` saying which one is missing or bad."""
        raw = settings.smtp_url
        if not raw:
            raise InvalidInput("NETWORKIT_SMTP_URL is not set: say which SMTP server sends e-mail")
        url = urlsplit(raw)
        if url.scheme not in SCHEMES or not url.hostname:
            raise InvalidInput(
                "NETWORKIT_SMTP_URL must look like smtp://user:password@host:587 "
                "(or smtps://, smtp+plain://)"
            )
        security = SCHEMES[url.scheme]
        try:
            port = url.port or {"starttls": 587, "tls": 465, "plain": 25}[security]
        except ValueError:
            raise InvalidInput("NETWORKIT_SMTP_URL has a port that is not a number") from None
        sender = settings.mail_from
        if "@" not in sender:
            raise InvalidInput("NETWORKIT_MAIL_FROM must be the sender's e-mail address")
        return cls(
            host=url.hostname,
            port=port,
            security=security,
            username=unquote(url.username or ""),
            password=unquote(url.password or ""),
            sender=sender,
            ca_file=settings.smtp_ca_file or None,
        )


class Mailer:
    """One SMTP connection for a whole run, opened on the first message."""

    def __init__(self, settings: MailSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def send(self, message: EmailMessage) -> None:
        if message["From"] is None:
            message["From"] = self.settings.sender
        try:
            self._connection().send_message(message)
        except OSError:
            self.close()  # a broken connection is not reused for the next message
            raise

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            s = self.settings
            tls = ssl.create_default_context(cafile=s.ca_file)
            smtp: smtplib.SMTP
            if s.security == "tls":
                smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=TIMEOUT_SECONDS, context=tls)
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=TIMEOUT_SECONDS)
                if s.security == "starttls":
                    smtp.starttls(context=tls)
            if s.username:
                smtp.login(s.username, s.password)
            self._smtp = smtp
        return self._smtp

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except OSError:
                self._smtp.close()
            self._smtp = None
