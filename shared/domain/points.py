"""Member points (SPEC §9): earning on paid sales, paying part of a sale with points.

Settings (enterprise): ``points_per_yuan`` — points that pay one yuan (default 10, so a point is
worth 10 fen); ``points_earn_per_yuan`` — points earned per whole yuan paid (default 1);
``points_max_pay_bp`` — the share of a sale points may pay (basis points, default 5000 = 50 %).
"""

from __future__ import annotations

from shared.domain.errors import ValidationError
from shared.domain.money import percent_of

DEFAULT_POINTS_PER_YUAN = 10
DEFAULT_EARN_PER_YUAN = 1
DEFAULT_MAX_PAY_BP = 5000


def points_for_fen(amount_fen: int, points_per_yuan: int = DEFAULT_POINTS_PER_YUAN) -> int:
    """The points that pay ``amount_fen``; refused unless it is a whole number of points."""
    if amount_fen <= 0:
        raise ValidationError("a points payment must be above zero", code="payment_not_positive")
    if (amount_fen * points_per_yuan) % 100:
        step = 100 // points_per_yuan if 100 % points_per_yuan == 0 else 100
        raise ValidationError(
            f"points pay in steps of {step / 100:.2f}", code="points_step", step_fen=step
        )
    return amount_fen * points_per_yuan // 100


def fen_for_points(points: int, points_per_yuan: int = DEFAULT_POINTS_PER_YUAN) -> int:
    return points * 100 // points_per_yuan


def max_points_payment_fen(
    total_fen: int,
    available_points: int,
    *,
    points_per_yuan: int = DEFAULT_POINTS_PER_YUAN,
    max_pay_bp: int = DEFAULT_MAX_PAY_BP,
) -> int:
    """The most points may pay of a sale: the cap and the member's points, in whole points."""
    cap = percent_of(total_fen, max_pay_bp)
    by_points = fen_for_points(available_points, points_per_yuan)
    best = min(cap, by_points)
    return points_for_fen_floor(best, points_per_yuan) * 100 // points_per_yuan


def points_for_fen_floor(amount_fen: int, points_per_yuan: int = DEFAULT_POINTS_PER_YUAN) -> int:
    return max(0, amount_fen) * points_per_yuan // 100


def check_points_cap(amount_fen: int, total_fen: int, max_pay_bp: int = DEFAULT_MAX_PAY_BP) -> None:
    cap = percent_of(total_fen, max_pay_bp)
    if amount_fen > cap:
        raise ValidationError(
            f"points can pay at most {cap / 100:.2f} of this sale ({max_pay_bp / 100:g} %)",
            code="points_cap",
            cap_fen=cap,
        )


def earned_points(paid_fen: int, earn_per_yuan: int = DEFAULT_EARN_PER_YUAN) -> int:
    """Points earned on ``paid_fen`` of money (points paid earn nothing): per whole yuan."""
    return max(0, paid_fen) // 100 * earn_per_yuan
