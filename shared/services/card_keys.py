"""Card-key pools at head office (SPEC §7): import, generate, list (masked), reveal (audited),
void, the stock setting, key rotation.

Import reads a TXT file — one key per line or ``card_no,password``; UTF-8 with or without BOM
or GB18030, decided per line so a file mixing the two still reads; CRLF; blank lines and
surrounding whitespace dropped — and is all-or-report: the good lines are added in ONE
transaction, every other line is reported with its number and reason (duplicate in the file,
already in the pool, too long, no password after the comma, not text). A cancelled import adds
nothing. Keys are sealed with the configured keyring before they reach the database.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import String, and_, any_, bindparam, case, func, select, update
from sqlalchemy.dialects.postgresql import ARRAY

from shared.db.bulk import BulkInsert
from shared.db.models import AuditEntry, CardKey, CardKeyBatch, CardKeyPool, Product, Sku
from shared.db.uow import UnitOfWork
from shared.domain import card_key_crypto as crypto
from shared.domain.card_key_crypto import Keyring
from shared.domain.errors import Conflict, NotFound, ValidationError
from shared.domain.ids import new_id, new_id_strings
from shared.domain.permissions import Perm
from shared.services.auth import Actor, require
from shared.services.card_key_config import check_keyring
from shared.services.inventory import find_sku

#: the largest file one import takes (about 1.3 million keys of 24 characters)
MAX_FILE_BYTES = 32 * 1024 * 1024
#: rows per INSERT batch and per progress report
BATCH = 5000
#: an import of more lines than this gives SQLite a page cache of SQLITE_CACHE_MB while it runs
#: (the pool's fingerprint index then stays in memory: see ``shared.db.bulk``)
BIG_IMPORT = 50_000
SQLITE_CACHE_MB = 256
MAX_GENERATE = 100_000
#: the problem lines an import report keeps (the counts cover every line)
MAX_PROBLEMS = 1000
#: a cancelled import raises this; nothing was added
CANCELLED = "import_cancelled"


@dataclass
class ImportReport:
    read: int = 0
    added: int = 0
    duplicate: int = 0
    invalid: int = 0
    batch_id: str | None = None
    #: (line number, reason code, message) of every line not added, in file order (first 1000)
    problems: list[tuple[int, str, str]] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "read": self.read,
            "added": self.added,
            "duplicate": self.duplicate,
            "invalid": self.invalid,
        }

    def _problem(self, line_no: int, code: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append((line_no, code, message))


def _audit(uow: UnitOfWork, actor: Actor, action: str, target: str, **detail) -> None:
    uow.session.add(
        AuditEntry(
            id=str(new_id()),
            at=uow.clock.now(),
            store_id=None,
            actor_id=actor.staff_id,
            action=action,
            target=target[:120],
            detail=detail,
        )
    )


def card_key_sku(uow: UnitOfWork, code: str) -> tuple[Sku, Product]:
    sku, product = find_sku(uow, code)
    if product.kind != "card_key":
        raise ValidationError(
            f"{product.name} is a {product.kind} product, not a card-key product",
            code="not_card_key",
            value=code,
        )
    return sku, product


# ---- reading a file ----------------------------------------------------------------------------


def read_file(path: str | Path) -> bytes:
    """The bytes of an import file, refused up front when it is empty or too large."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise NotFound(f"cannot read {path}: {exc.strerror}", code="file_unreadable") from exc
    if size == 0:
        raise ValidationError(f"{path.name} is empty", code="file_empty")
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            f"{path.name} is {size / 1024 / 1024:.1f} MB; one import takes at most "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB: split the file",
            code="file_too_large",
        )
    return path.read_bytes()


def _lines(data: bytes) -> Iterator[tuple[int, str | None]]:
    """(line number, text or None when the line is neither UTF-8 nor GB18030)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for no, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.rstrip(b"\r")
        try:
            yield no, raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                yield no, raw.decode("gb18030")
            except UnicodeDecodeError:
                yield no, None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    undecodable = sum(1 for _, text in _lines(head) if text is None)
    return undecodable > 2


# ---- import ------------------------------------------------------------------------------------


#: a prepared key: (line number, fingerprint, its fingerprints under older key versions,
#: the row: id, secret, fingerprint, hint)
_Item = tuple[int, str, list[str], tuple[str, bytes, str, str]]


def _prepared_batches(
    data: bytes, keyring: Keyring, older_fps: list, counts: ImportReport
) -> Iterator[tuple[int, list[_Item]]]:
    """The file as batches of sealed keys ready to write, ``BATCH`` at a time, each with the
    number of its last line. Pure Python (no database): lines that are not keys and keys given
    twice in the file are counted in ``counts`` and left out."""
    fingerprint, seal, hint = keyring.fingerprinter(), keyring.sealer(), crypto.hint
    seen: set[str] = set()
    pending: list[tuple[int, str, str]] = []  # line no, text, fingerprint

    def prepared() -> list[_Item]:
        ids = new_id_strings(len(pending))
        out = []
        for (no, text, fp), key_id in zip(pending, ids, strict=True):
            older = [fn(text) for fn in older_fps]
            out.append((no, fp, older, (key_id, seal(text, key_id), fp, hint(text))))
        pending.clear()
        return out

    no = 0
    for no, text in _lines(data):
        if text is None:
            counts.read += 1
            counts.invalid += 1
            counts._problem(no, "key_encoding", "neither UTF-8 nor GB18030 text")
            continue
        if not text.strip():
            continue  # blank lines are dropped, not counted
        counts.read += 1
        try:
            key_text = crypto.normalise(text)
        except ValidationError as exc:
            counts.invalid += 1
            counts._problem(no, exc.code, exc.message)
            continue
        fp = fingerprint(key_text)
        if fp in seen:
            counts.duplicate += 1
            counts._problem(no, "duplicate_in_file", "given twice in this file")
            continue
        seen.add(fp)
        pending.append((no, key_text, fp))
        if len(pending) >= BATCH:
            yield no, prepared()
    if pending:
        yield no, prepared()


def _pool_lookup(s, sku_id: str, total: int) -> Callable[[list[str]], set[str]]:
    """A function: which of these fingerprints the pool already holds. A pool no larger than
    the file is read once (its fingerprints, from the unique index); a larger one is asked
    ``BATCH`` fingerprints at a time, with one array parameter on PostgreSQL (5,000 values in an
    IN list cost more to send and plan than the look-up itself)."""
    pool_size = s.scalar(select(func.count()).where(CardKey.sku_id == sku_id)) or 0
    if pool_size <= total:
        held = set(s.scalars(select(CardKey.fingerprint).where(CardKey.sku_id == sku_id)))

        def in_pool(fps: list[str]) -> set[str]:
            return {fp for fp in fps if fp in held}

        return in_pool
    pg = s.get_bind().dialect.name == "postgresql"

    def in_pool(fps: list[str]) -> set[str]:
        if not fps:
            return set()
        match = (
            CardKey.fingerprint == any_(bindparam("fps", fps, type_=ARRAY(String(64))))
            if pg
            else CardKey.fingerprint.in_(fps)
        )
        return set(s.scalars(select(CardKey.fingerprint).where(CardKey.sku_id == sku_id, match)))

    return in_pool


def import_keys(
    uow: UnitOfWork,
    actor: Actor,
    keyring: Keyring,
    product_code: str,
    data: bytes,
    *,
    file_name: str = "",
    expires_at: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import a TXT file of keys into the product's pool (see the module); commits."""
    require(actor, Perm.MANAGE_CATALOG)
    sku, product = card_key_sku(uow, product_code)
    if not data:
        raise ValidationError("the file is empty", code="file_empty")
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(
            f"the file is {len(data) / 1024 / 1024:.1f} MB; one import takes at most "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB: split the file",
            code="file_too_large",
        )
    if _looks_binary(data):
        raise ValidationError(
            "this is not a text file of card keys (binary content)", code="file_binary"
        )
    now = uow.clock.now()
    if expires_at is not None and expires_at <= now:
        raise ValidationError("the expiry is in the past", code="expiry_past")
    check_keyring(uow, keyring)
    report = ImportReport()
    older_fps = [keyring.fingerprinter(v) for v in keyring.keys if v != keyring.current]
    total = data.count(b"\n") + 1
    batch_id = str(new_id())
    s = uow.session
    s.add(
        CardKeyBatch(
            id=batch_id,
            sku_id=sku.id,
            source="import",
            file_name=file_name[:200],
            expires_at=expires_at,
            created_by=actor.staff_id,
            created_at=now,
        )
    )
    s.flush()
    # the keys go in through the dialect's bulk path (COPY on PostgreSQL); every column but
    # these four is the same on every row of the import
    writer = BulkInsert(
        s,
        CardKey.__table__,
        varying=("id", "secret", "fingerprint", "hint"),
        constant={
            "sku_id": sku.id,
            "batch_id": batch_id,
            "key_version": keyring.current,
            "state": "available",
            "expires_at": expires_at,
            "void_reason": "",
            "created_at": now,
            "updated_at": now,
        },
        sqlite_cache_mb=SQLITE_CACHE_MB if total > BIG_IMPORT else None,
    )
    in_pool = _pool_lookup(s, sku.id, total)
    file_report = ImportReport()
    batches = _prepared_batches(data, keyring, older_fps, file_report)
    stopped = False
    try:
        for last_no, items in batches:
            known = in_pool([fp for _, fp, _, _ in items])
            if older_fps:  # during a rotation the pool holds fingerprints under older keys too
                olds = {old: fp for _, fp, older, _ in items for old in older}
                known |= {olds[h] for h in in_pool(list(olds))}
            rows = []
            for no, fp, _, row in items:
                if fp in known:
                    report.duplicate += 1
                    report._problem(no, "duplicate_in_pool", "already in the pool")
                else:
                    rows.append(row)
            writer.write(rows)
            report.added += len(rows)
            if cancelled is not None and cancelled():
                stopped = True
                break
            if progress is not None and last_no < total:
                progress(last_no, total)
    finally:
        batches.close()
        writer.close()  # before the transaction ends: the connection goes back to the pool
    if stopped:
        uow.rollback()
        raise Conflict("the import was cancelled: nothing was added", code=CANCELLED)
    report.read, report.invalid = file_report.read, file_report.invalid
    report.duplicate += file_report.duplicate
    report.problems = sorted(report.problems + file_report.problems)[:MAX_PROBLEMS]
    if report.read == 0:
        uow.rollback()
        raise ValidationError("the file has no card keys (only blank lines)", code="file_empty")
    s.execute(
        update(CardKeyBatch)
        .where(CardKeyBatch.id == batch_id)
        .values(
            read=report.read,
            added=report.added,
            duplicate=report.duplicate,
            invalid=report.invalid,
        )
    )
    _ensure_pool(uow, sku.id)
    _audit(
        uow,
        actor,
        "card_keys.import",
        product.code,
        file=file_name[:200],
        **report.as_json(),
    )
    report.batch_id = batch_id
    if progress is not None:
        progress(total, total)
    uow.commit()
    return report


def generate_keys(
    uow: UnitOfWork,
    actor: Actor,
    keyring: Keyring,
    product_code: str,
    count: int,
    *,
    length: int = 16,
    with_password: bool = False,
    expires_at: datetime | None = None,
) -> ImportReport:
    """Generate ``count`` random keys (no look-alike characters) into the pool; commits."""
    if not isinstance(count, int) or not 1 <= count <= MAX_GENERATE:
        raise ValidationError(
            f"generate 1 to {MAX_GENERATE} keys at a time", code="count_range", value=count
        )
    if not 8 <= length <= 64:
        raise ValidationError("a generated key has 8 to 64 characters", code="length_range")
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    lines = []
    for _ in range(count):
        card = "".join(secrets.choice(alphabet) for _ in range(length))
        if with_password:
            card += "," + "".join(secrets.choice("0123456789") for _ in range(8))
        lines.append(card)
    report = import_keys(
        uow,
        actor,
        keyring,
        product_code,
        ("\n".join(lines)).encode(),
        file_name=f"generated {count}",
        expires_at=expires_at,
    )
    return report


def _ensure_pool(uow: UnitOfWork, sku_id: str) -> CardKeyPool:
    pool = uow.session.get(CardKeyPool, sku_id)
    if pool is None:
        pool = CardKeyPool(
            sku_id=sku_id, stock_setting=None, reserve_minutes=30, updated_at=uow.clock.now()
        )
        uow.session.add(pool)
        uow.session.flush()
    return pool


def set_stock(uow: UnitOfWork, actor: Actor, product_code: str, stock_setting: int | None) -> None:
    """The quota still to sell (None: no quota); shown stock = min(quota, available keys)."""
    require(actor, Perm.MANAGE_CATALOG)
    sku, product = card_key_sku(uow, product_code)
    if stock_setting is not None and (
        not isinstance(stock_setting, int) or not 0 <= stock_setting <= 10_000_000
    ):
        raise ValidationError("the stock setting is 0 to 10,000,000", code="stock_range")
    pool = _ensure_pool(uow, sku.id)
    old = pool.stock_setting
    pool.stock_setting, pool.updated_at = stock_setting, uow.clock.now()
    _audit(uow, actor, "card_keys.stock", product.code, old=old, new=stock_setting)
    uow.commit()


def set_reserve_minutes(uow: UnitOfWork, actor: Actor, product_code: str, minutes: int) -> None:
    """How long an unpaid sale's reservation holds a key of this pool (SPEC §7: 30 by
    default); reservations made later use it."""
    require(actor, Perm.MANAGE_CATALOG)
    sku, product = card_key_sku(uow, product_code)
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 5 <= minutes <= 1440:
        raise ValidationError(
            "a reservation holds a key 5 to 1440 minutes", code="minutes_range", value=minutes
        )
    pool = _ensure_pool(uow, sku.id)
    old = pool.reserve_minutes
    pool.reserve_minutes, pool.updated_at = minutes, uow.clock.now()
    _audit(uow, actor, "card_keys.reserve_minutes", product.code, old=old, new=minutes)
    uow.commit()


def reserve_minutes(uow: UnitOfWork, product_code: str) -> int:
    sku, _ = card_key_sku(uow, product_code)
    pool = uow.session.get(CardKeyPool, sku.id)
    return pool.reserve_minutes if pool is not None else 30


# ---- the pool as head office sees it -----------------------------------------------------------


@dataclass(frozen=True)
class PoolSummary:
    sku_id: str
    code: str
    name: str
    available: int
    reserved: int
    sold: int
    void: int
    stock_setting: int | None
    #: available keys past their expiry: not sellable, not counted in ``available``
    expired: int = 0

    @property
    def shown_stock(self) -> int:
        """SPEC §7: min(the stock setting, the available keys)."""
        if self.stock_setting is None:
            return self.available
        return min(self.stock_setting, self.available)


def pools(uow: UnitOfWork, actor: Actor) -> list[PoolSummary]:
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    now = uow.clock.now()
    skus = s.execute(
        select(Sku.id, Sku.code, Product.name, Sku.spec1, Sku.spec2)
        .join(Product, Product.id == Sku.product_id)
        .where(Product.kind == "card_key")
        .order_by(Sku.code)
    ).all()
    live = CardKey.expires_at.is_(None) | (CardKey.expires_at > now)

    def count_of(state: str, *more):
        return func.sum(case((and_(CardKey.state == state, *more), 1), else_=0))

    # one row per pool; an available key past its expiry is counted apart (it cannot be sold)
    counts = {
        str(sid): tuple(int(n or 0) for n in rest)
        for sid, *rest in s.execute(
            select(
                CardKey.sku_id,
                count_of("available", live),
                count_of("reserved"),
                count_of("sold"),
                count_of("void"),
                count_of("available", ~live),
            ).group_by(CardKey.sku_id)
        )
    }
    settings = dict(s.execute(select(CardKeyPool.sku_id, CardKeyPool.stock_setting)).all())
    out = []
    for sid, code, name, spec1, spec2 in skus:
        sid = str(sid)
        specs = " ".join(x for x in (spec1, spec2) if x)
        available, reserved, sold, void, expired = counts.get(sid, (0, 0, 0, 0, 0))
        out.append(
            PoolSummary(
                sid,
                code,
                f"{name} {specs}".strip(),
                available,
                reserved,
                sold,
                void,
                settings.get(sid),
                expired,
            )
        )
    return out


@dataclass(frozen=True)
class KeyRow:
    key_id: str
    masked: str
    state: str
    expires_at: datetime | None
    sold_at: datetime | None
    sale_id: str | None
    lease_id: str | None
    void_reason: str
    created_at: datetime


def list_keys(
    uow: UnitOfWork,
    actor: Actor,
    product_code: str,
    *,
    state: str | None = None,
    offset: int = 0,
    limit: int = 200,
) -> tuple[list[KeyRow], int]:
    """A page of a pool's keys, masked; and how many match."""
    require(actor, Perm.MANAGE_CATALOG)
    sku, _ = card_key_sku(uow, product_code)
    where = [CardKey.sku_id == sku.id]
    if state:
        if state not in ("available", "reserved", "sold", "void"):
            raise ValidationError(f"unknown state {state[:20]}", code="state_unknown")
        where.append(CardKey.state == state)
    total = uow.session.scalar(select(func.count()).select_from(CardKey).where(*where)) or 0
    rows = uow.session.scalars(
        select(CardKey).where(*where).order_by(CardKey.id).offset(max(0, offset)).limit(limit)
    ).all()
    return [
        KeyRow(
            k.id,
            crypto.masked(k.hint),
            k.state,
            k.expires_at,
            k.sold_at,
            k.sale_id,
            k.lease_id,
            k.void_reason,
            k.created_at,
        )
        for k in rows
    ], int(total)


def reveal(uow: UnitOfWork, actor: Actor, keyring: Keyring, key_id: str, *, purpose: str) -> str:
    """A key in clear, for a user with ``reveal_card_keys``; audited (``purpose``: reveal or
    copy). Commits the audit entry."""
    require(actor, Perm.REVEAL_CARD_KEYS)
    if purpose not in ("reveal", "copy"):
        raise ValidationError("purpose is reveal or copy", code="purpose")
    key = uow.session.get(CardKey, key_id)
    if key is None:
        raise NotFound("no such card key", code="unknown_card_key")
    text = keyring.open(bytes(key.secret), key.id, key.key_version)
    _audit(uow, actor, f"card_keys.{purpose}", key.id, hint=key.hint, state=key.state)
    uow.commit()
    return text


def void_key(uow: UnitOfWork, actor: Actor, key_id: str, reason: str) -> None:
    """An available key taken out of the pool for good (a reserved or sold key cannot be)."""
    require(actor, Perm.MANAGE_CATALOG)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("give the reason for voiding the key", code="reason_required")
    if len(reason) > 200:
        raise ValidationError("the reason is at most 200 characters", code="text_too_long")
    done = uow.session.execute(
        update(CardKey)
        .where(CardKey.id == key_id, CardKey.state == "available")
        .values(state="void", void_reason=reason, updated_at=uow.clock.now())
    )
    if done.rowcount != 1:
        key = uow.session.get(CardKey, key_id)
        if key is None:
            raise NotFound("no such card key", code="unknown_card_key")
        raise Conflict(
            f"a {key.state} key cannot be voided or edited", code="card_key_not_available"
        )
    _audit(uow, actor, "card_keys.void", key_id, reason=reason)
    uow.commit()


def delete_key(uow: UnitOfWork, actor: Actor, key_id: str) -> None:
    """Delete an available key that was imported by mistake; reserved or sold keys never."""
    require(actor, Perm.MANAGE_CATALOG)
    key = uow.session.get(CardKey, key_id)
    if key is None:
        raise NotFound("no such card key", code="unknown_card_key")
    if key.state != "available":
        raise Conflict(
            f"a {key.state} key cannot be deleted or edited", code="card_key_not_available"
        )
    uow.session.delete(key)
    _audit(uow, actor, "card_keys.delete", key_id, hint=key.hint)
    uow.commit()


# ---- rotation ----------------------------------------------------------------------------------


def rotate(
    db_uow: Callable[[], UnitOfWork],
    keyring: Keyring,
    *,
    actor: Actor | None = None,
    batch: int = 2000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Re-encrypt (and re-fingerprint) every key not yet under the keyring's current version, a
    batch per transaction, so an interrupted rotation resumes where it stopped. Both versions
    must be configured until it has finished; then the old one can be removed from the
    configuration. Returns how many keys were re-encrypted. With an ``actor`` (who must manage
    the catalog) the rotation is audited."""
    if actor is not None:
        require(actor, Perm.MANAGE_CATALOG)
    with db_uow() as uow:
        check_keyring(uow, keyring)
        uow.commit()
    current, fingerprint = keyring.current, keyring.fingerprinter()
    done = 0
    while True:
        with db_uow() as uow:
            rows = uow.session.execute(
                select(CardKey.id, CardKey.secret, CardKey.key_version)
                .where(CardKey.key_version != current)
                .order_by(CardKey.id)
                .limit(batch)
            ).all()
            if not rows:
                if actor is not None and done:
                    _audit(uow, actor, "card_keys.rotate", str(current), keys=done)
                    uow.commit()
                return done
            for key_id, secret, version in rows:
                text = keyring.open(bytes(secret), str(key_id), int(version))
                sealed, _ = keyring.seal(text, str(key_id))
                uow.session.execute(
                    update(CardKey)
                    .where(CardKey.id == key_id, CardKey.key_version == version)
                    .values(secret=sealed, key_version=current, fingerprint=fingerprint(text))
                )
            uow.commit()
            done += len(rows)
            if progress is not None:
                progress(done)


def new_key_entry(keyring: Keyring | None) -> str:
    """The configuration line of the next key version (for ``storedesk cardkeys keygen``)."""
    version = (keyring.current + 1) if keyring else 1
    return Keyring.new_entry(version)


def replace_key(
    uow: UnitOfWork, actor: Actor, keyring: Keyring, key_id: str, reason: str
) -> tuple[str, str]:
    """A manager replaces a sold key that does not work (SPEC §7): the old one is voided with the
    reason, a new one sold in its place on the same sale line; both audited. Returns the new
    key's id and text (for the customer). Commits."""
    from shared.sync import card_key_issue

    require(actor, Perm.APPROVE)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("give the reason for replacing the key", code="reason_required")
    if len(reason) > 200:
        raise ValidationError("the reason is at most 200 characters", code="text_too_long")
    check_keyring(uow, keyring)
    answer = card_key_issue.replace(uow.session, uow.clock.now(), key_id, reason)
    if not answer.get("ok"):
        uow.rollback()
        cls = NotFound if answer["reason"] == "unknown_card_key" else Conflict
        raise cls(answer["message"], code=answer["reason"])
    new = answer["new"]
    text = keyring.open(base64.b64decode(new["secret"]), new["card_key_id"], new["key_version"])
    _audit(uow, actor, "card_keys.void", key_id, reason=reason, replaced_by=new["card_key_id"])
    _audit(uow, actor, "card_keys.replace", new["card_key_id"], replaces=key_id, hint=new["hint"])
    uow.commit()
    return new["card_key_id"], text
