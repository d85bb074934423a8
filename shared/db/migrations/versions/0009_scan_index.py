"""scan index

The terminal's flattened barcode lookup (``models.local.ScanIndex``): one WITHOUT ROWID row per
barcode with what the counter's cart line needs, for the terminal's store. On SQLite, triggers on
``barcode``, ``sku``, ``product``, ``store_price`` and ``terminal_identity`` rewrite the rows a
write affects, in the same statement, so every catalog change a terminal applies (the
registration snapshot, each pulled row, each tombstone) is in the index in the same transaction.
They do nothing while the file has no terminal identity (the central database; a terminal before
registration), and the identity's first row (registration) fills the whole table. An existing
terminal file is filled here. PostgreSQL gets the table only: no triggers, never filled, never
read (the scan joins there).

The SQL is written out here on purpose (a migration does not change when the app does).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 00:31:23.175938
"""
from alembic import op
import sqlalchemy as sa
import shared.db.types


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

#: the index's columns, in the order ``ROWS`` selects them
COLUMNS = (
    "code, store_id, sku_id, sku_code, name, unit, kind, price_fen, member_price_fen, weighed, "
    "serial_tracked, on_shelf"
)


def text_id(column: str) -> str:
    """A stored id (32 hex digits on SQLite) as the app's text, the dashed UUID."""
    parts = [f"substr({column}, {a}, {n})" for a, n in ((1, 8), (9, 4), (13, 4), (17, 4))]
    return "lower(" + " || '-' || ".join([*parts, f"substr({column}, 21)"]) + ")"


def _scannable(column: str) -> str:
    """Not a code the counter refuses before any lookup: an EAN-8, UPC-A or EAN-13 look-alike
    (8, 12 or 13 ASCII digits, ``barcode.looks_like_ean``) whose check digit is wrong
    (``barcode.is_valid_ean``: the digits weighted 1, 3, 1, ... from the right, the check digit
    first, sum to a multiple of 10). The scan takes an indexed code without checking it again.

    Weight 3 falls on the even positions of a 13-digit code and on the odd ones of an 8- or
    12-digit code; a position past the end is '' in ``substr``, 0 in the sum."""
    odd = " + ".join(f"substr({column}, {p}, 1)" for p in range(1, 14, 2))
    even = " + ".join(f"substr({column}, {p}, 1)" for p in range(2, 14, 2))
    return (
        f"NOT (length({column}) IN (8, 12, 13) AND {column} NOT GLOB '*[^0-9]*' AND "
        f"(CASE length({column}) WHEN 13 THEN ({odd}) + 3 * ({even}) "
        f"ELSE 3 * ({odd}) + ({even}) END) % 10 <> 0)"
    )


#: the index rows of the barcodes ``{where}`` picks, for the terminal's store (none without an
#: identity), leaving out codes a scan refuses before any lookup. The SKU id is the app's text;
#: the name is ``SkuRow.display_name``: the product's name, then the non-empty specs, each after
#: one space; on shelf when the product's and the SKU's status are both 'on'.
ROWS = """
SELECT barcode.code, terminal_identity.store_id, """ + text_id("sku.id") + """, sku.code,
       product.name || CASE
           WHEN sku.spec1 <> '' AND sku.spec2 <> '' THEN ' ' || sku.spec1 || ' ' || sku.spec2
           WHEN sku.spec1 <> '' THEN ' ' || sku.spec1
           WHEN sku.spec2 <> '' THEN ' ' || sku.spec2
           ELSE '' END,
       product.unit, product.kind, coalesce(store_price.price_fen, sku.price_fen),
       sku.member_price_fen, sku.weighed, product.serial_tracked,
       CASE WHEN product.status = 'on' AND sku.status = 'on' THEN 1 ELSE 0 END
FROM barcode
JOIN sku ON sku.id = barcode.sku_id
JOIN product ON product.id = sku.product_id
JOIN terminal_identity ON terminal_identity.slot = 1
LEFT JOIN store_price
  ON store_price.store_id = terminal_identity.store_id AND store_price.sku_id = sku.id
WHERE {where} AND """ + _scannable("barcode.code")


def _refill(delete: str, where: str) -> str:
    """Trigger body: drop the index rows ``delete`` picks, then write those ``where`` picks."""
    return f"DELETE FROM scan_index WHERE {delete};\nINSERT INTO scan_index ({COLUMNS}){ROWS.format(where=where)};"


IS_TERMINAL = "EXISTS (SELECT 1 FROM terminal_identity)"
OUR_STORE = "(SELECT store_id FROM terminal_identity WHERE slot = 1)"
SKUS_OF = f"(SELECT {text_id('id')} FROM sku WHERE product_id {{}})"
NEW_SKU, OLD_SKU = text_id("NEW.id"), text_id("OLD.id")
NEW_PRICED, OLD_PRICED = text_id("NEW.sku_id"), text_id("OLD.sku_id")

#: (name, event, WHEN, body): the names are ``models.local.SCAN_INDEX_TRIGGERS``
TRIGGERS = [
    ("scan_index_barcode_insert", "AFTER INSERT ON barcode", IS_TERMINAL,
     _refill("code = NEW.code", "barcode.code = NEW.code")),
    ("scan_index_barcode_update", "AFTER UPDATE ON barcode", IS_TERMINAL,
     _refill("code IN (OLD.code, NEW.code)", "barcode.code = NEW.code")),
    ("scan_index_barcode_delete", "AFTER DELETE ON barcode", IS_TERMINAL,
     "DELETE FROM scan_index WHERE code = OLD.code;"),
    ("scan_index_sku_insert", "AFTER INSERT ON sku", IS_TERMINAL,
     _refill(f"sku_id = {NEW_SKU}", "barcode.sku_id = NEW.id")),
    ("scan_index_sku_update", "AFTER UPDATE ON sku", IS_TERMINAL,
     _refill(f"sku_id IN ({OLD_SKU}, {NEW_SKU})", "barcode.sku_id = NEW.id")),
    ("scan_index_sku_delete", "AFTER DELETE ON sku", IS_TERMINAL,
     f"DELETE FROM scan_index WHERE sku_id = {OLD_SKU};"),
    ("scan_index_product_insert", "AFTER INSERT ON product", IS_TERMINAL,
     _refill(f"sku_id IN {SKUS_OF.format('= NEW.id')}", "sku.product_id = NEW.id")),
    ("scan_index_product_update", "AFTER UPDATE ON product", IS_TERMINAL,
     _refill(f"sku_id IN {SKUS_OF.format('IN (OLD.id, NEW.id)')}", "sku.product_id = NEW.id")),
    ("scan_index_product_delete", "AFTER DELETE ON product", IS_TERMINAL,
     f"DELETE FROM scan_index WHERE sku_id IN {SKUS_OF.format('= OLD.id')};"),
    ("scan_index_store_price_insert", "AFTER INSERT ON store_price",
     f"NEW.store_id = {OUR_STORE}",
     _refill(f"sku_id = {NEW_PRICED}", "barcode.sku_id = NEW.sku_id")),
    ("scan_index_store_price_update", "AFTER UPDATE ON store_price",
     f"OLD.store_id = {OUR_STORE} OR NEW.store_id = {OUR_STORE}",
     _refill(f"sku_id IN ({OLD_PRICED}, {NEW_PRICED})",
             "barcode.sku_id IN (OLD.sku_id, NEW.sku_id)")),
    ("scan_index_store_price_delete", "AFTER DELETE ON store_price",
     f"OLD.store_id = {OUR_STORE}",
     _refill(f"sku_id = {OLD_PRICED}", "barcode.sku_id = OLD.sku_id")),
    # registration (the first identity) fills the whole index; another store refills it
    ("scan_index_terminal_identity_insert", "AFTER INSERT ON terminal_identity", "1",
     _refill("1", "1")),
    ("scan_index_terminal_identity_update", "AFTER UPDATE ON terminal_identity",
     "OLD.store_id IS NOT NEW.store_id OR OLD.slot IS NOT NEW.slot",
     _refill("1", "1")),
    ("scan_index_terminal_identity_delete", "AFTER DELETE ON terminal_identity", "1",
     "DELETE FROM scan_index;"),
]



def upgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.create_table('scan_index',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('store_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('sku_id', sa.String(length=36), nullable=False),
    sa.Column('sku_code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('price_fen', sa.BigInteger().with_variant(sa.BigInteger(), 'postgresql'), nullable=False),
    sa.Column('member_price_fen', sa.BigInteger().with_variant(sa.BigInteger(), 'postgresql'), nullable=True),
    sa.Column('weighed', sa.Boolean(), nullable=False),
    sa.Column('serial_tracked', sa.Boolean(), nullable=False),
    sa.Column('on_shelf', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_scan_index')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('scan_index', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scan_index_sku_id'), ['sku_id'], unique=False)

    # ### end Alembic commands ###
    if op.get_bind().dialect.name != "sqlite":
        return
    for name, event, when, body in TRIGGERS:
        op.execute(f"CREATE TRIGGER {name} {event} FOR EACH ROW WHEN {when}\nBEGIN\n{body}\nEND")
    # an existing terminal file: its index, from its catalog (nothing without an identity)
    op.execute(f"INSERT INTO scan_index ({COLUMNS}){ROWS.format(where='1')}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name, *_ in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table('scan_index', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scan_index_sku_id'))

    op.drop_table('scan_index')
    # ### end Alembic commands ###
