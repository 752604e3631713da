"""Referent helpers that need no word segmentation (safe on the check path)."""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.registry.claim import EVENT_KINDS, Claim

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


_NOT_WORDS = re.compile(r"[^\u4e00-\u9fffA-Za-z]")


_LINK = re.compile(r"^[的之]")


_FIGURES = re.compile(r"[0-9０-９.,，%％]+|[零〇一二两三四五六七八九十百千万亿余多]+")


@lru_cache(maxsize=65536)
def strip_after(text: str) -> str:
    return _LINK.sub("", text.lstrip())


@lru_cache(maxsize=65536)
def words(text: str) -> str:
    """A clause's words: figures and everything but hanzi and letters left out."""
    return _NOT_WORDS.sub("", _FIGURES.sub("", text))


def without_own_words(c: Claim) -> str:
    return c.context.replace(c.text, " ") if c.kind in EVENT_KINDS else c.context
