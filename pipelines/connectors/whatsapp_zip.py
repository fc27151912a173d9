"""WhatsApp chat export as a .zip ("Export chat" → "Include media", or any export a phone shares).

The archive holds the chat text (`_chat.txt` on iOS, `WhatsApp Chat with <name>.txt` on
Android) and the media files. Only the chat text is read: it is streamed out of the archive
(never extracted by its stored name) into a private temporary file, with caps on its size and
on its compression ratio, then parsed by the whatsapp-txt connector, so both give the same
records and ids. Media members are ignored (the text already says "<Media tidak disertakan>"
or names the file, which the text connector handles).

An archive that is hostile or not a chat export is refused as a whole: one record, quarantined
with the reason, so the day still reconciles. Refused: a member name that is absolute or
climbs out with '..' (path traversal), an archive inside the archive, a chat text that inflates
beyond the caps (zip bomb), a password-protected chat text, too many members, and no or several
candidate chat texts. A file that is not a zip at all is a ConnectorError (the user must act).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from pipelines.connectors.base import ConnectorError, ParsedRecord
from pipelines.connectors.common import salted_hash
from pipelines.connectors.whatsapp_txt import (
    WhatsAppTxtConnector,
    chat_name,
    is_phone_number,
    looks_like_whatsapp,
)
from pipelines.deployment_salt import author_salt
from pipelines.settings import Settings

MAX_CHAT_BYTES = 256 * 1024 * 1024  # years of a busy group are tens of MB
MAX_RATIO = 200  # chat text compresses 3–20×; a zip bomb thousands of times
RATIO_GRACE_BYTES = 1024 * 1024  # tiny members may compress absurdly well: judge past this
MAX_MEMBERS = 50_000
_ARCHIVES = (".zip", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zst")
_CHUNK = 1024 * 1024


class ZipRefused(Exception):
    """The archive is refused; the message is the quarantine reason."""


def private_zip_name(path: Path, settings: Settings) -> str | None:
    """For the zip of a chat with an unsaved contact ("WhatsApp Chat with +62 812….zip"): a
    name that does not say who, as whatsapp-txt does for the .txt; None for anything else."""
    if path.suffix.lower() != ".zip":
        return None
    name = chat_name(path.with_suffix(".txt"))
    if not is_phone_number(name):
        return None
    digits = re.sub(r"\D", "", name)
    return f"whatsapp-chat-{salted_hash(digits, author_salt(settings), 12)}.zip"


def _unsafe_name(name: str) -> bool:
    pure = PurePosixPath(name.replace("\\", "/"))
    return pure.is_absolute() or ".." in pure.parts or (len(name) > 1 and name[1] == ":")


def chat_member(archive: zipfile.ZipFile) -> zipfile.ZipInfo:
    """The chat text member, after checking every member name; raises ZipRefused."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ZipRefused(f"zip refused: {len(members)} members (more than {MAX_MEMBERS})")
    texts = []
    for info in members:
        if _unsafe_name(info.filename):
            raise ZipRefused(f"zip refused: member {info.filename[:100]!r} points outside the "
                             "archive (path traversal)")
        if info.filename.lower().endswith(_ARCHIVES):
            raise ZipRefused(f"zip refused: it contains another archive "
                             f"({info.filename[:100]!r}); export the chat again, or send the "
                             "chat .txt alone")
        if not info.is_dir() and info.filename.lower().endswith(".txt"):
            texts.append(info)
    if not texts:
        raise ZipRefused("zip refused: no chat .txt inside (not a WhatsApp chat export)")
    named = [i for i in texts if PurePosixPath(i.filename).name.lower() == "_chat.txt"
             or "whatsapp" in PurePosixPath(i.filename).name.lower()]
    candidates = named or texts
    if len(candidates) > 1:
        names = ", ".join(repr(i.filename[:60]) for i in candidates[:3])
        raise ZipRefused(f"zip refused: several chat texts ({names}); send one chat per zip")
    return candidates[0]


def copy_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> int:
    """Stream one member to `target` under the size and ratio caps; the bytes written."""
    if info.flag_bits & 0x1:
        raise ZipRefused(f"zip refused: {info.filename[:100]!r} is password-protected")
    if info.file_size > MAX_CHAT_BYTES:
        raise ZipRefused(f"zip refused: the chat text would be {info.file_size} bytes "
                         f"(more than {MAX_CHAT_BYTES}; zip bomb?)")
    written = 0
    packed = max(info.compress_size, 1)
    # The sizes in the header can lie: count the bytes that actually come out.
    with archive.open(info) as source, target.open("wb") as out:
        while chunk := source.read(_CHUNK):
            written += len(chunk)
            if written > MAX_CHAT_BYTES:
                raise ZipRefused(f"zip refused: the chat text inflates past {MAX_CHAT_BYTES} "
                                 "bytes (zip bomb?)")
            if written > RATIO_GRACE_BYTES and written / packed > MAX_RATIO:
                raise ZipRefused(f"zip refused: the chat text inflates more than {MAX_RATIO}× "
                                 "its compressed size (zip bomb?)")
            out.write(chunk)
    return written


def _text_name(zip_path: Path, member: str) -> str:
    """The name the whatsapp-txt connector reads the chat name from.

    iOS writes `_chat.txt`, named by its folder; the folder here is the zip's own name."""
    name = PurePosixPath(member.replace("\\", "/")).name
    if name.lower() in {"_chat.txt", "chat.txt"}:
        return f"{zip_path.stem}.txt"
    return name


class WhatsAppZipConnector:
    name = "whatsapp-zip"

    def parse(self, path: Path, settings: Settings) -> Iterator[ParsedRecord]:
        if not path.exists():
            raise ConnectorError(f"Chat file not found: {path}")
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise ConnectorError(f"{path.name} is not a readable zip file ({exc}); export the "
                                 "chat again from WhatsApp.") from None
        shown = private_zip_name(path, settings) or path.name  # what the quarantine may keep
        scratch = Path(tempfile.mkdtemp(prefix="pantau-wa-zip-"))
        try:
            with archive:
                try:
                    info = chat_member(archive)
                    text = scratch / _text_name(path, info.filename)
                    copy_member(archive, info, text)
                except ZipRefused as exc:
                    yield ParsedRecord(raw=f"<{shown}>", line_no=None, reason=str(exc))
                    return
                except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as exc:
                    # a corrupt member (CRC error, truncated file, unsupported compression)
                    yield ParsedRecord(raw=f"<{shown}>", line_no=None,
                                       reason=f"zip refused: the chat text cannot be read "
                                              f"({str(exc)[:120]})")
                    return
            if not looks_like_whatsapp(text, settings.max_line_bytes):
                yield ParsedRecord(raw=f"<{shown}>", line_no=None,
                                   reason="zip refused: its .txt is not a WhatsApp chat export")
                return
            yield from WhatsAppTxtConnector().parse(text, settings)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
