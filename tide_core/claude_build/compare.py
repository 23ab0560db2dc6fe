"""The Dataset page's comparison of a Claude build with the bank build of the same plan (pure functions).

    side_by_side(bank_report_rows, claude_report_rows) -> rows: measure, scope, bank, claude, bar, bank_meets,
                                                          claude_meets (the quality report's headlines, paired)
"""

from __future__ import annotations

from collections.abc import Mapping

from tide_core.quality import headline_rows


def side_by_side(bank: list[Mapping], claude: list[Mapping]) -> list[dict]:
    """One row per quality-report headline of either build, the two values beside each other with the issue's bar."""
    b = {(h["key"], h["scope"]): h for h in headline_rows(bank)}
    c = {(h["key"], h["scope"]): h for h in headline_rows(claude)}
    out = []
    for key in list(b) + [k for k in c if k not in b]:
        hb, hc = b.get(key), c.get(key)
        head = hb or hc
        out.append({"measure": head["measure"], "scope": head["scope"],
                    "bank": hb["value"] if hb else None, "claude": hc["value"] if hc else None,
                    "bank_n": f"{hb['n']:,} of {hb['total']:,}" if hb and hb["n"] is not None and hb["total"] else "",
                    "claude_n": f"{hc['n']:,} of {hc['total']:,}" if hc and hc["n"] is not None and hc["total"]
                    else "",
                    "bar": head["bar"] or "",
                    "bank_meets": hb["meets_bar"] if hb else None, "claude_meets": hc["meets_bar"] if hc else None})
    return out
