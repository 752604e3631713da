"""What a figure counts: the noun phrase next to it in its clause (used when building a registry)."""

from __future__ import annotations

import re

from factcheck.registry.referents import strip_amount_words, trailing_words
from factcheck.text.segment import Token, tokens

#: Verbs that open a clause and are never part of what is counted.
STOP_VERBS = frozenset(
    "开展 培育 建设 设立 成立 组建 覆盖 惠及 取得 资助 提供 上涨 达到 参与 创造 打造 建立 举办 发布 "
    "完成 实现 增加 减少 推进 推动 带动 吸引 培养 帮助 拥有 新增 累计 共有 开设 举行 组织 "
    "推出 形成 认定 评选 表彰 投入 获得 选树 招收 录取 签订 落实 支持 引进 命名".split())
_NUMERAL_CHARS = set("0123456789零〇一二两三四五六七八九十百千万亿几数多余")
#: One-character words that end a noun phrase whatever jieba tags them (试点率, 培训点, 总量).
_NOUN_SUFFIXES = frozenset("率量额数点站所队室区园者员费值度比型类款金价")
_STOP_FLAGS = ("p", "c", "u", "d", "r", "x", "w", "e", "y", "o", "zg")


def _is_word(tok: Token) -> bool:
    return bool(re.fullmatch(r"[\u4e00-\u9fffA-Za-z]+", tok.word))


def _accept(tok: Token, nxt: Token | None) -> bool:
    """Whether `tok` can stand inside a noun phrase whose next token is `nxt`."""
    if tok.word in _NOUN_SUFFIXES:
        return True
    if not _is_word(tok) or tok.word in STOP_VERBS or tok.flag.startswith(_STOP_FLAGS):
        return False
    if tok.flag in ("m", "q", "mq"):
        return not (set(tok.word) & _NUMERAL_CHARS)
    if tok.flag == "v":
        return len(tok.word) >= 3 or (nxt is not None and nxt.flag.startswith(("n", "vn", "v")))
    return True


def noun_before(left: str) -> str:
    """Trailing noun phrase of `left` (the clause text before a figure), amount words stripped."""
    toks = tokens(strip_amount_words(left))
    run: list[Token] = []
    for tok in reversed(toks):
        if not _accept(tok, run[0] if run else None):
            break
        run.insert(0, tok)
    return _trim(run)


def noun_after(right: str) -> str:
    """Leading noun phrase of `right` (the clause text after a figure and its measure word)."""
    toks = tokens(re.sub(r"^[的之]+", "", right.lstrip()))
    run: list[Token] = []
    for i, tok in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) and _is_word(toks[i + 1]) else None
        if not _accept(tok, nxt) or (run and len(tok.word) == 1 and nxt and nxt.word in "了着过"):
            break  # 职工|圆了大学梦: a one-character verb before 了 ends the noun phrase
        run.append(tok)
    while run and run[-1].flag == "v" and len(run[-1].word) < 3:
        run.pop()
    return _trim(run)


def _trim(run: list[Token]) -> str:
    """Drop leading place and time words while a noun remains after them."""
    while len(run) > 1 and run[0].flag in ("ns", "t", "f"):
        run = run[1:]
    return "".join(t.word for t in run)


def subject_of(clause: str, start: int, end: int) -> str:
    """What the figure at clause[start:end] counts: after it when a noun follows, else before,
    else the words right before it (政府卫生支出占26.7%: jieba reads 支出 as a verb)."""
    after = noun_after(clause[end:])
    if after:
        return after
    return noun_before(clause[:start]) or words_before(clause[:start])


#: Words that open a clause before what it names (其中, 经内港码头…) or join it to a figure.
_LEADING = re.compile(r"^(?:其中|另外|此外|而|经|經|从|從|由|在|以|对|對)+")
_TRAILING = re.compile(r"(?:亦|也|则|則|均|都|为|為|以|是|达|達|约|約|共|已)+$")
_ASIDES = re.compile(r"[(（][^()（）]*[)）]")


def words_before(left: str) -> str:
    """The run of words between the last punctuation and a figure, without asides, amount
    words and the links around them (其中，政府卫生支出占 -> 政府卫生支出); '' when it is a
    single character or longer than a referent runs (12)."""
    text = _ASIDES.sub("", strip_amount_words(left, to_nothing=True))
    run = _LEADING.sub("", trailing_words(_TRAILING.sub("", text)))
    return run if 2 <= len(run) <= 12 else ""
