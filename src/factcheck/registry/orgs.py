"""Organisations named in a sentence, with exact boundaries: bodies, courts, companies, media, teams."""

from __future__ import annotations

import re

from factcheck.registry.people import ACTION_VERBS, SPEECH_VERBS
from factcheck.text.segment import Token
from factcheck.lazyre import lazy

#: Name endings that make an organisation wherever a word ends with them.
LONG_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "公司", "集团", "银行", "人民法院", "法院",
                 "人民检察院", "检察院", "委员会", "常委会", "研究院", "研究所", "科学院", "工程院", "设计院",
                 "大学", "学院", "医院", "中学", "小学", "协会", "商会", "总工会", "工会", "联合会",
                 "基金会", "理事会", "董事会", "人民政府", "政府", "人大", "政协", "办公室", "办公厅",
                 "国务院", "日报", "晚报", "报社", "电视台", "广播电台", "通讯社", "议会", "国会",
                 "实验室", "交易所", "机场", "中心", "总署", "总局", "总社", "警方", "网站")
#: One-character endings of government bodies and teams (应急管理部, 统计局, 卫健委, 国家防办).
SHORT_SUFFIXES = "部局委署办厅院队社"
#: Everyday words that end like a body but are not one.
COMMON_WORDS = frozenset(
    "全部 内部 外部 局部 干部 总部 本部 西部 东部 中部 南部 北部 头部 背部 腹部 底部 顶部 胸部 面部 "
    "脑部 足部 腰部 俱乐部 大部 细部 结局 布局 格局 当局 大局 棋局 时局 开局 饭局 僵局 残局 变局 骗局 "
    "全局 终局 赌局 部署 签署 举办 主办 承办 创办 开办 合办 兴办 查办 督办 包办 试办 代办 协办 "
    "大厅 餐厅 客厅 展厅 舞厅 歌厅 门厅 前厅 音乐厅 团队 部队 军队 排队 车队 梯队 球队 队伍 乐队 "
    "社会 结社 旅社 合作社 出版社 剧院 影院 电影院 庭院 寺院 书院 戏院 住院 出院 入院 "
    "常委 编委 评委 党委 政委 市委 省委 县委 区委 纪委 市中心 重心 核心 信心 决心 关心 开心 "
    "爱心 用心 放心 专心 耐心 中央".split())
#: Words that cannot start or stand inside a name: they describe, count or point.
GENERIC_STEMS = frozenset(
    "基层 中级 高级 各级 地方 上级 下级 相关 有关 当地 本地 该 各 其 所属 直属 部分 上市 这家 一家 "
    "多家 每家 全部 有些 其他 其它 国有 民营 私营 外资 大型 小型 中小 骨干 重点 龙头 知名 主要 附属 "
    "各省 各地 各大 两 该 此 本 我 你 他 全市 全省 全区 全县 这 那 某 新 老 大 小 医疗 科研 金融 "
    "基础 人民 一 第一".split())
#: Words that end a name on their left: titles, reporting words and where a body stands.
STOP_WORDS = frozenset("记者 通讯员 代表 患者 病人 学生 专家 市民 村民 居民 群众 职工 员工 游客 旅客 经 "
                       "据 来自 根据 按照 通过 经过 包括 其中 今年 去年 目前 已经 交由 交给 经由 委托 依托 携手 会同 "
                       "由 从 在 和 与 及 以及 或 向 对 把 被 将 为 是 的 了 也 都 又 等 同 跟".split())
#: Well-known news agencies, named without a suffix the other rules know.
AGENCIES = ("新华社", "中新社", "中央社", "中新网", "路透社", "法新社", "美联社", "共同社", "塔斯社",
            "韩联社", "彭博社", "安莎社", "德新社", "埃菲社", "人民网", "新华网", "央视网", "央视")
_NAMEISH = ("n", "nt", "ns", "nz", "j", "vn", "l", "a", "an", "b", "ng", "nr", "nrt", "nrfg")
_COLLECTIVE_STEMS = frozenset("全国 我国 中国 各地 全市 全省 全区 全县 各国 国内 海外 境内 境外".split())
_COLLECTIVE_SUFFIXES = frozenset("法院 医院 学校 大学 公司 检察院 中学 小学 学院 企业".split())
_PROPER = ("ns", "nr", "nrt", "nrfg", "nz", "nt", "j")
_ORDINAL = lazy(r"^第[一二三四五六七八九十\d]+$")
_CJK = lazy(r"^[\u4e00-\u9fff]+$")
#: Regions that open a body's name though the tagger reads them as directions (北方, 华东).
_REGIONS = frozenset(("东方", "西方", "南方", "北方", "东南", "西南", "东北", "西北", "华东", "华南", "华北",
                      "华中", "华西", "中南", "西部", "东部", "中部"))
#: Endings of research bodies, whose names often hold a verb (卫星测控中心, 疾病预防控制中心).
_RESEARCH = ("中心", "研究院", "研究所", "实验室", "研究中心")
_NOUNS = ("n", "nt", "ns", "nz", "j", "b", "nr", "nrt", "l", "ng")
#: Titles that follow a body's name inside one word: 经济部长 -> 经济部 + 部长.
_INNER_TITLE = ("长", "主任", "主席")


def org_spans(text: str, toks: list[Token]) -> list[tuple[int, int]]:
    """[start, end) spans of organisations in a sentence, longest first where they overlap."""
    spans: set[tuple[int, int]] = set()
    for i, tok in enumerate(toks):
        end = _name_end(tok)
        if end is None:
            continue
        start = _name_start(toks, i)
        if start is not None and _plausible(text[start:end], toks, i):
            spans.add((start, end))
    spans |= _agencies(text)
    return _outermost(spans)


def _name_end(tok: Token) -> int | None:
    """Where an organisation ending in this word ends, or None when the word ends none."""
    word = tok.word
    if not _CJK.match(word):
        return None
    for inner in _INNER_TITLE:  # 经济部长: the body ends before the title; 工作局局长: before 局长
        if word.endswith(inner) and len(word) > len(inner) + 1 and word[-len(inner) - 1] in "部局委厅署院":
            doubled = len(word) >= len(inner) + 2 and word[-len(inner) - 2] == word[-len(inner) - 1]
            return tok.end - len(inner) - doubled
    if word in COMMON_WORDS and tok.flag != "nt" or word.endswith(("部队", "军队", "球队", "团队", "梯队", "强队", "干部")):
        return None
    if word.endswith(LONG_SUFFIXES):
        return tok.end
    if word[-1] in SHORT_SUFFIXES and tok.flag in ("n", "nt", "j", "nz", "v", "vn"):
        return tok.end
    return None


def _name_start(toks: list[Token], i: int) -> int | None:
    """Start of the name ending in token i: place names and nouns before it, not verbs or counts;
    a team's name only proper nouns (卫冕冠军拜仁队 -> 拜仁队)."""
    j = i
    team = toks[i].word.endswith("队")
    research = toks[i].word.endswith(_RESEARCH)
    while j > 0 and (not team or toks[j - 1].flag in _PROPER):
        if _joins(toks, j - 1):
            j -= 1
        elif research and j >= 2 and _inner_verb(toks, j - 1):
            j -= 2  # 深地科学卓越创新中心, 国家超级计算深圳中心: a verb inside a research body's name
        else:
            break
    while j < i and (toks[j].word in GENERIC_STEMS or toks[j].word in STOP_WORDS):
        j += 1  # 上市公司 / 代表省人民政府: a describing word is not part of the name
    if j == i and j >= 2 and toks[j - 1].flag == "v" and len(toks[j - 1].word) == 2 \
            and toks[j - 2].flag == "p":
        j -= 1  # 提供给审定委员会: after a preposition, a verb can name what the body does
    return toks[j].start


def _inner_verb(toks: list[Token], k: int) -> bool:
    """Whether token k is a two-character verb with a name's noun before it (卓越/创新)."""
    before = toks[k - 1]
    return toks[k].flag == "v" and len(toks[k].word) == 2 and _CJK.match(toks[k].word) is not None \
        and before.flag in _NOUNS and _joins(toks, k - 1) and toks[k].word not in STOP_WORDS


def _joins(toks: list[Token], k: int) -> bool:
    """Whether token k continues the name to its right."""
    tok = toks[k]
    if tok.word in STOP_WORDS or not _CJK.match(tok.word) or tok.word in COMMON_WORDS:
        return False
    if tok.word == "暨" or k + 1 < len(toks) and toks[k + 1].word == "暨":
        return True  # 统计暨普查局: a name joining two bodies
    if _ORDINAL.match(tok.word) or tok.word in _REGIONS:
        return True  # 南昌大学第一附属医院, 北方智能装备研究院
    return tok.flag in _NAMEISH


def _plausible(name: str, toks: list[Token], i: int) -> bool:
    """A name, not a description: long enough and more than a describing word and a suffix."""
    if len(name) < 3 or name in COMMON_WORDS:
        return False
    for suffix in sorted(LONG_SUFFIXES, key=len, reverse=True) + list(SHORT_SUFFIXES):
        if name.endswith(suffix):
            stem = name[:-len(suffix)]
            if stem in GENERIC_STEMS or not stem:
                return False
            if stem in _COLLECTIVE_STEMS and suffix in _COLLECTIVE_SUFFIXES:
                return False  # 全国法院, 中国医院: every court or hospital of a place, not one body
            if len(suffix) == 1 and len(stem) < 2:
                return False
            if suffix == "中心" and len(stem) < 4 and toks[i].flag != "nt":
                return False  # 市中心, 服务中心: a place or a desk, not a named body
            break
    return True


def _agencies(text: str) -> set[tuple[int, int]]:
    """News agencies by name (新华社, 中央社), wherever they stand."""
    out = set()
    for name in AGENCIES:
        for m in re.finditer(re.escape(name), text):
            if not (name == "央视" and text.startswith("央视网", m.start())):
                out.add((m.start(), m.end()))
    return out


def _outermost(spans: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans not inside a longer one, in text order."""
    ordered = sorted(spans, key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int]] = []
    for s in ordered:
        if out and s[0] < out[-1][1]:
            continue
        out.append(s)
    return out


#: Heads of a list of companies: 包括广达、智邦等大厂.
_LIST_HEAD = lazy(r"^[，,]?(?:等|以及|及|和)?[^。；;！？]{0,14}?(?:大厂|厂商|企业|公司|业者|集团|品牌|银行)")
_MEMBER = lazy(r"[\u4e00-\u9fff]{2,4}|[A-Za-z][A-Za-z0-9&.\-]{1,20}")
_ITEM = r"(?:[\u4e00-\u9fff]{2,4}|[A-Za-z][A-Za-z0-9&.\-]{1,20})"
_LIST = lazy(r"(?:包括|如|像)(" + _ITEM + "(?:、" + _ITEM + r")+)(?=[，,]|等|以及|及|和)")


def listed_companies(text: str) -> list[tuple[int, int]]:
    """Members of a 、-list that the sentence calls companies (包括亚马逊、苹果等国际大厂)."""
    out = []
    for m in _LIST.finditer(text):
        if not _LIST_HEAD.match(text[m.end():]):
            continue
        pos = m.start(1)
        for part in m.group(1).split("、"):
            if _MEMBER.fullmatch(part):
                out.append((pos, pos + len(part)))
            pos += len(part) + 1
    return out


#: Latin-script terms that are measures, statistics or page words, never a company (GDP, MW).
_LATIN_TERMS = frozenset(("gdp", "gnp", "cpi", "ppi", "pmi", "pm", "m2", "m1", "mw", "gw", "kw", "kwh", "tw",
                          "twh", "km", "cm", "mm", "kg", "ppm", "ai", "it", "app", "ceo", "cfo", "cto", "vip",
                          "www", "http", "https", "com", "email", "pdf"))
#: What a company's name is followed by when it is a clause's subject: a time word, then what it did.
_TIME_WORD = r"(?:\d{1,2}日|昨天|今天|昨日|今日|日前|近日|本周|上周|近期)"
_LATIN_AFTER = lazy(r"[ 　]*(?:" + _TIME_WORD + r"[ 　]*)+|[ 　]*(?:也|还|已|将)?(?:" +
                          "|".join(SPEECH_VERBS + ACTION_VERBS + ("宣布", "发布", "推出", "收购")) + ")")
_LATIN_WORD = lazy(r"(?<![A-Za-z0-9.\-])[A-Za-z][A-Za-z0-9&\-]*[A-Za-z0-9](?![A-Za-z0-9])")


def latin_companies(text: str) -> list[tuple[int, int]]:
    """Latin-script names opening a clause and acting in it (google 昨天与国内业者签约):
    a company or body as the clause's subject, not a unit after a figure or a statistic."""
    out = []
    for m in _LATIN_WORD.finditer(text):
        before = text[:m.start()].rstrip(" 　")
        if before and before[-1] not in "，,。；;：:！？!?（(“「\n":
            continue
        if m.group(0).lower() in _LATIN_TERMS or not _LATIN_AFTER.match(text, m.end()):
            continue
        if m.group(0).isupper() and len(m.group(0)) <= 2:
            continue
        out.append(m.span())
    return out
