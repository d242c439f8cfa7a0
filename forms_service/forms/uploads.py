"""Files chosen in a form: checked by content, stored under generated names.

The answer of a file field is a list of ``{"blob", "name", "size", "type"}``:
``blob`` is the id in ``store.uploads`` (never derived from the person's file
name), ``name`` the original name cleaned for display only, ``size`` in bytes
and ``type`` the media type read from the content. Accepted files are kept in
the draft, so an error elsewhere in the form never makes anyone choose them again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import FileStorage, MultiDict
from wtforms.validators import ValidationError

from ..formspec import FieldSpec
from ..store import BlobFolder
from .builder import SpecForm
from .filecheck import FORMAT_NAMES, PDF, UncheckablePdf, pdf_dangers, sniff

#: The most files one field keeps (attachments are for a few reports).
MAX_FILES = 10

_TOO_LARGE = _l("“%(name)s” is larger than %(size)d MB: attach a smaller file")
_EMPTY = _l("“%(name)s” is empty: choose the file again")
_NOT_PDF = _l("“%(name)s” is not a PDF: attach the document saved as a PDF")
_NOT_ACCEPTED = _l("“%(name)s” is not in an accepted format (%(formats)s)")
_DANGEROUS = _l(
    "“%(name)s” contains scripts, actions or embedded files, which are not "
    "accepted: save it again as a plain PDF (for example with “Print to PDF”)"
)
_UNCHECKABLE = _l(
    "“%(name)s” could not be checked: save it again as a plain PDF (for "
    "example with “Print to PDF”)"
)
_TOO_MANY = _l("Attach at most %(count)d files: “%(name)s” was not attached")


def display_name(filename: str | None) -> str:
    """Return a file name fit for showing: no folders, controls or bidi tricks."""
    base = re.split(r"[\\/]", filename or "")[-1]
    base = re.sub(r"\s+", " ", unicodedata.normalize("NFC", base))
    base = "".join(ch for ch in base if not unicodedata.category(ch).startswith("C"))
    base = base.strip(" .")
    return base[:120] or "file"


def formats_of(spec: FieldSpec) -> str:
    """Return the accepted formats of a file field, e.g. ``PDF, JPEG, PNG``."""
    return ", ".join(FORMAT_NAMES.get(kind, kind) for kind in spec.accept)


def size_text(size: int) -> str:
    """Return a file size in words, in the page's language."""
    if size < 1024 * 1024:
        return str(_("%(size)s KB", size=format_decimal(max(1, round(size / 1024)))))
    return str(_("%(size)s MB", size=format_decimal(round(size / 1048576, 1))))


def receive_uploads(
    form: SpecForm, formdata: MultiDict[str, Any], blobs: BlobFolder, max_bytes: int
) -> None:
    """Apply the removals ticked and store the files chosen, field by field.

    Sets ``form.kept`` (what the draft keeps) and ``form.upload_errors``.
    """
    for spec, field in form.spec_fields():
        if spec.type != "file":
            continue
        kept = list(form.kept.get(spec.name, []))
        ticked = formdata.getlist(f"remove-{spec.name}")
        for index in sorted({int(i) for i in ticked if i.isdigit()}, reverse=True):
            if index < len(kept):
                blobs.delete(kept.pop(index)["blob"])
        refusals: list[str] = []
        for storage in _chosen(field.data):
            try:
                if spec.multiple and len(kept) >= MAX_FILES:
                    name = display_name(storage.filename)
                    raise ValidationError(
                        _TOO_MANY % {"count": MAX_FILES, "name": name}
                    )
                item = _store(storage, spec, blobs, max_bytes)
            except ValidationError as refused:
                refusals.append(str(refused))
                continue
            if not spec.multiple:  # a new file replaces the one kept
                for old in kept:
                    blobs.delete(old["blob"])
                kept = []
            kept.append(item)
        form.kept[spec.name] = kept
        if refusals:
            form.upload_errors[spec.name] = refusals


def _chosen(data: object) -> Iterator[FileStorage]:
    items = data if isinstance(data, list) else [data]
    yield from (item for item in items if isinstance(item, FileStorage) and item)


def _store(
    storage: FileStorage, spec: FieldSpec, blobs: BlobFolder, max_bytes: int
) -> dict[str, Any]:
    name = display_name(storage.filename)
    data = storage.stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(_TOO_LARGE % {"name": name, "size": max_bytes >> 20})
    if not data:
        raise ValidationError(_EMPTY % {"name": name})
    kind = sniff(data)
    if kind is None or kind not in spec.accept:
        if spec.accept == (PDF,):
            raise ValidationError(_NOT_PDF % {"name": name})
        raise ValidationError(
            _NOT_ACCEPTED % {"name": name, "formats": formats_of(spec)}
        )
    if kind == PDF:
        try:
            dangers = pdf_dangers(data)
        except UncheckablePdf as error:
            raise ValidationError(_UNCHECKABLE % {"name": name}) from error
        if dangers:
            raise ValidationError(_DANGEROUS % {"name": name})
    return {"blob": blobs.add(data), "name": name, "size": len(data), "type": kind}
