"""Referent helpers that need no word segmentation (safe on the check path)."""

from __future__ import annotations

from functools import lru_cache

#: Words between a noun and its figure that state an amount, a change or a scope
#: (高技能人才总量已达40余万名, 线上线下覆盖超过50万人次, 年薪将达到15万元).
AMOUNT_WORDS = ("达到了", "达到", "已达", "共计", "总计", "合计", "累计", "超过", "突破", "约为", "约",
                "近", "达", "为", "共", "计", "有", "是", "至", "了", "的", "逾", "超", "覆盖", "惠及",
                "上涨", "增长", "增加", "提高", "降低", "减少", "下降", "新增", "将", "已", "已经", "均",
                "总数", "数量", "人数", "和", "及", "与", "、")


#: Punctuation between a label and its figure: 校外教学点：10个, | 试点企业 | 768家.
_LINKS = " \t|:：-—"


@lru_cache(maxsize=65536)
def strip_amount_words(left: str) -> str:
    """`left` without the amount, scope and link words at its end."""
    left = left.rstrip(_LINKS)
    changed = True
    while changed:
        changed = False
        for word in AMOUNT_WORDS:
            if left.endswith(word) and len(left) > len(word):
                left, changed = left[: -len(word)].rstrip(_LINKS), True
    return left
