"""E-mail (.eml) with the standard library: Subject and Date, the body, the attachments.

The plain-text body is preferred; an HTML-only body goes through the web-page
reader. Attachments are handed back as files for the pipeline to read each as
its own source (the e-mail's reader does not read them itself).
"""

from __future__ import annotations

import email
import email.policy
import email.utils
from email.message import EmailMessage

from lawtracker.errors import ParseError
from lawtracker.ingestion.formats import Attachment, Extracted
from lawtracker.ingestion.formats.text import decode
from lawtracker.ingestion.formats.web import html_to_text


def read_eml(data: bytes, name: str) -> Extracted:
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not (
        message["From"] or message["Subject"] or message["Date"] or message["Message-ID"]
    ):
        raise ParseError(f"{name}: not an e-mail (no From, Subject or Date header)")
    subject = " ".join(str(message["Subject"] or "").split()) or None
    date = None
    if message["Date"]:
        try:
            date = email.utils.parsedate_to_datetime(str(message["Date"])).date()
        except (TypeError, ValueError):
            date = None
    text = _body_text(message, name)
    attachments = tuple(
        Attachment(part.get_filename() or "attachment", part.get_payload(decode=True) or b"")
        for part in message.iter_attachments()
        if part.get_filename() and not part.is_multipart()
    )
    return Extracted(text, "email", title=subject, date=date, attachments=attachments)


def _body_text(message: EmailMessage, name: str) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset()
    try:
        body = payload.decode(charset) if charset else decode(payload, name)[0]
    except (LookupError, UnicodeDecodeError):
        body = decode(payload, name)[0]
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    if part.get_content_subtype() == "html":
        body = html_to_text(body)[0]
    return body.strip() + "\n" if body.strip() else ""
