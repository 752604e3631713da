"""People and organisations named in a source article, with the titles and actions given them."""

from __future__ import annotations

import re

from factcheck.registry.claim import Claim
from factcheck.text.document import Document
from factcheck.text.segment import Token, tokens
from factcheck.text.sentences import Unit, clause_bounds, span_position

ORG_SUFFIXES = ("集团", "研究所", "研究院", "总工会", "工会", "委员会", "常委会", "学院", "大学", "公司",
                "协会", "中心", "政府", "人大", "银行", "医院", "学校", "报社", "日报")
_VERB_FLAGS = ("v", "vd")
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
#: Common Chinese surnames (single and double); a person name starts with one.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古"
    "吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫"
    "寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻"
    "位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦"
    "戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但"
    "尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由") | {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐"}
#: Words that introduce a person (国防科技工业系统劳模戎建刚, 毕业生杨杰, 记者 王伟).
TITLE_ENDINGS = ("劳模", "工匠", "毕业生", "记者", "通讯员", "主席", "书记", "教授", "院长", "厂长", "经理",
                 "董事长", "代表", "委员", "职工", "员工", "技师", "师傅", "同志", "专家", "主任", "局长",
                 "部长", "市长", "区长", "县长", "省长", "校长", "工程师", "组长", "队长", "班长", "干部",
                 "党员", "老师", "学生", "医生", "护士", "大师", "能手", "标兵", "模范", "负责人", "编辑",
                 "记者", "总监", "处长", "科长", "会长", "秘书长", "理事长", "研究员", "讲师", "导师", "学员")
SPEECH_VERBS = ("说", "表示", "介绍", "指出", "告诉", "认为", "坦言", "回忆")


def is_person_name(name: str, before: str, after: str) -> bool:
    """A surname-led name introduced by a title before it or a speech verb after it."""
    if not (2 <= len(name) <= 4) or not (name[0] in SURNAMES or name[:2] in SURNAMES):
        return False
    return before.rstrip(" 　").endswith(TITLE_ENDINGS) or after.lstrip().startswith(SPEECH_VERBS)


def entity_claims(doc: Document, unit: Unit) -> list[Claim]:
    """Person and organisation claims of one sentence."""
    toks = tokens(unit.text)
    out: list[Claim] = []
    for i, tok in enumerate(toks):
        if tok.flag == "nr" and _NAME.match(tok.word) and is_person_name(
                tok.word, unit.text[max(0, tok.start - 8):tok.start], unit.text[tok.end:tok.end + 4]):
            roles = _titles(toks, i) + _actions(toks, i)
            out.append(_claim(doc, unit, "person", tok.start, tok.end, roles))
        elif tok.word.endswith(ORG_SUFFIXES) and (tok.flag in ("nt", "n", "nz") or len(tok.word) > 3):
            start = _org_start(toks, i)
            if tok.end - start >= 4:
                out.append(_claim(doc, unit, "organisation", start, tok.end, ()))
    return out


def _claim(doc: Document, unit: Unit, kind: str, start: int, end: int, roles) -> Claim:
    pos = span_position(doc, unit, start, end)
    name = unit.text[start:end]
    return Claim(kind=kind, value=name, subject=name, roles=tuple(roles),
                 context=unit.text[slice(*clause_bounds(unit.text, start))],
                 sentence=unit.text.strip(), **pos)


def _titles(toks: list[Token], i: int) -> list[str]:
    """Titles right before a name: 大国工匠、全国劳模刘云清 -> 大国工匠, 全国劳模."""
    words: list[str] = []
    j = i - 1
    while j >= 0 and (toks[j].flag.startswith(("n", "l", "j", "b")) or toks[j].word == "、"):
        if toks[j].flag == "nr":
            break
        words.insert(0, toks[j].word)
        j -= 1
    return [t for t in "".join(words).split("、") if len(t) >= 2]


def _actions(toks: list[Token], i: int) -> list[str]:
    """The verb a person is the subject of: 刘云清指导 -> 指导."""
    for tok in toks[i + 1:i + 4]:
        if tok.word in ("，", ",", "。", "、"):
            break
        if tok.flag.startswith(_VERB_FLAGS) or tok.word in ("指导", "讲述", "介绍", "表示", "说"):
            return [tok.word]
    return []


def _org_start(toks: list[Token], i: int) -> int:
    """Start of an organisation name ending at token i: nouns and place names before the suffix."""
    j = i
    while j > 0:
        prev = toks[j - 1]
        ok = prev.flag.startswith(("n", "j")) and prev.flag != "nr" or \
            (len(prev.word) == 1 and prev.flag in ("f", "q", "m") and not prev.word.isdigit())
        if not ok or not re.fullmatch(r"[\u4e00-\u9fff]+", prev.word):
            break
        j -= 1
    return toks[j].start


_QUOTE = re.compile(r"“([^“”]{8,})”")


def quote_claims(doc: Document, sentences: list[Unit], claims: list[Claim]) -> list[Claim]:
    """Quoted speech with its speaker: the person named in its sentence or the next one."""
    people = sorted((c for c in claims if c.kind == "person"), key=lambda c: c.start)
    out = []
    for i, unit in enumerate(sentences):
        for m in _QUOTE.finditer(unit.text):
            if not re.search(r"[，,。！？]", m.group(1)):
                continue  # a slogan or a name in quotes, not speech
            scope = [u for u in sentences[i:i + 2]]
            lo, hi = scope[0].offsets[0], scope[-1].offsets[-1]
            speaker = next((p for p in people if lo <= p.start <= hi), None)
            if speaker is None:
                continue
            out.append(Claim(kind="quote", value=m.group(1), subject=str(speaker.value),
                             context=unit.text, sentence=unit.text.strip(),
                             **span_position(doc, unit, m.start(), m.end())))
    return out
