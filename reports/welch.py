"""Welch's two-sample comparison of means, with its confidence interval.

The difference of two means from groups of different sizes and spreads
(leavers and stayers): ``diff = m1 - m2``, its standard error
``se = sqrt(v1 / n1 + v2 / n2)`` (``v`` the sample variances), the degrees of
freedom of Welch-Satterthwaite, and ``diff +/- t * se`` with ``t`` the
quantile of Student's t distribution at (1 + level) / 2.

The quantile is computed here, from the regularised incomplete beta function
(a continued fraction, evaluated by the modified Lentz method) and a bisection:
the addon needs one number per comparison and no statistics library for it.
Accurate to about 1e-9, well beyond the two decimals the report shows.
"""
import math

_EPSILON = 1e-14
_TINY = 1e-300


def _beta_continued_fraction(a, b, x):
    """The continued fraction of the incomplete beta function I_x(a, b)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    result = d
    for m in range(1, 500):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        result *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        delta = d * c
        result *= delta
        if abs(delta - 1.0) < _EPSILON:
            break
    return result


def incomplete_beta(a, b, x):
    """The regularised incomplete beta function I_x(a, b), 0 <= x <= 1."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                     + a * math.log(x) + b * math.log(1.0 - x))
    # the continued fraction converges fast on this side of the mean
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_continued_fraction(a, b, x) / a
    return 1.0 - front * _beta_continued_fraction(b, a, 1.0 - x) / b


def student_t_cdf(t, df):
    """P(T <= t) for Student's t distribution with ``df`` (> 0, not
    necessarily whole) degrees of freedom."""
    tail = 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


def student_t_quantile(p, df):
    """The t with P(T <= t) = p, for 0.5 <= p < 1 (by bisection)."""
    if not 0.5 <= p < 1.0 or df <= 0:
        raise ValueError('student_t_quantile needs 0.5 <= p < 1 and df > 0')
    low, high = 0.0, 1.0
    while student_t_cdf(high, df) < p:
        high *= 2.0
    for dummy in range(200):
        middle = (low + high) / 2.0
        if student_t_cdf(middle, df) < p:
            low = middle
        else:
            high = middle
        if high - low < 1e-12:
            break
    return (low + high) / 2.0


def welch_interval(mean1, var1, n1, mean2, var2, n2, level=0.95):
    """``{'diff', 'se', 'df', 'low', 'high'}`` for the difference of the
    means of group 1 and group 2; None when a group has fewer than two
    values (no variance, no interval)."""
    if n1 < 2 or n2 < 2 or var1 is None or var2 is None:
        return None
    diff = mean1 - mean2
    part1, part2 = var1 / n1, var2 / n2
    se = math.sqrt(part1 + part2)
    if se == 0.0:
        return {'diff': diff, 'se': 0.0, 'df': float(n1 + n2 - 2), 'low': diff, 'high': diff}
    df = (part1 + part2) ** 2 / (part1 ** 2 / (n1 - 1) + part2 ** 2 / (n2 - 1))
    margin = student_t_quantile((1.0 + level) / 2.0, df) * se
    return {'diff': diff, 'se': se, 'df': df, 'low': diff - margin, 'high': diff + margin}
