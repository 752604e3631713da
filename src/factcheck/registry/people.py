"""People named in a sentence: titled names, speakers, bylines, photo credits, lists and foreign names."""

from __future__ import annotations

import re

from factcheck.text.segment import Token
from factcheck.lazyre import lazy

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
#: Words that introduce a person (国防科技工业系统劳模戎建刚, 交通运输部新闻发言人吴春耕, 记者 王伟).
TITLE_ENDINGS = (
    "劳模", "工匠", "毕业生", "记者", "通讯员", "主席", "书记", "教授", "院长", "厂长", "经理", "董事长",
    "代表", "委员", "职工", "员工", "技师", "师傅", "同志", "专家", "主任", "局长", "部长", "市长", "区长",
    "县长", "省长", "州长", "校长", "工程师", "组长", "队长", "班长", "干部", "党员", "老师", "学生", "医生",
    "护士", "大师", "能手", "标兵", "模范", "负责人", "编辑", "总监", "处长", "科长", "会长", "秘书长",
    "理事长", "研究员", "讲师", "导师", "学员", "发言人", "司长", "总经理", "总裁", "院士", "选手", "运动员",
    "主帅", "主教练", "教练", "外长", "总统", "总理", "首相", "大使", "检察长", "法官", "行长", "社长",
    "厅长", "署长", "总干事", "秘书", "创始人", "董事", "监事", "主持人", "队员", "球员", "演员", "导演",
    "作家", "律师", "警官", "民警", "村民", "居民", "船长", "机长", "舰长", "厂长", "站长", "所长", "馆长",
    "团长", "军长", "司令员", "政委", "议员", "议长", "首席执行官", "执行官", "摄影师", "实习生", "参赞",
    "领事", "公使", "特使", "官员", "主管", "总编辑", "副总", "局长", "上将", "中将", "少将", "将军", "村长",
    "总书记", "硕士", "博士", "博士生", "研究生", "女士", "先生", "歌手", "棋手", "车手", "名将", "新秀",
    "新星", "冠军", "亚军", "门将", "前锋", "后卫", "中锋", "主席")
#: Verbs of speech, and actions a news story credits to a person, right after the name.
SPEECH_VERBS = ("说", "表示", "介绍", "指出", "告诉", "认为", "坦言", "回忆", "称", "强调", "透露",
                "宣布", "提出", "解释", "说明", "补充", "直言", "感慨", "呼吁", "建议")
#: Words that give a person's name without a title (一名名叫张立新的男子, 他的名字叫李广).
NAMED_AS = ("名叫", "名字叫", "名字是", "姓名为")
ACTION_VERBS = ("夺得", "打破", "获得", "荣获", "当选", "出席", "会见", "主持", "签署", "带领", "率领",
                "指导", "讲述", "率队", "访问", "发表", "摘得", "刷新", "赢得")
_NAME_CHAR = r"[\u4e00-\u9fff]"
#: Characters transliterated foreign names are written with (勒格塞雷夫, 罗切特, 穆哈卜·马米什).
TRANSLIT = frozenset("阿埃艾安奥巴拜贝比彼波伯博布卜查达德迪蒂杜多厄恩尔法范菲费芬弗夫福盖戈格古哈汉赫亨霍基吉加"
                     "杰捷卡凯坎科克库夸拉莱赖兰劳勒雷里利列林琳卢鲁伦罗洛马玛迈麦曼梅门蒙米敏姆莫默穆纳娜内尼"
                     "妮涅努诺帕佩彭皮珀普齐奇恰乔切钦萨塞桑瑟森沙莎舍施什斯索苏塔泰坦特提图托瓦万韦维温沃乌西"
                     "希谢辛休雅亚娅伊因尤扎泽兹茨朱卓莉丽丹席朗逊顿隆耶松黛露蕾薇")
_T = "[" + "".join(sorted(TRANSLIT)) + "]"
#: Characters of transliterated names read only beside a name's dot (理查德·科尔, 弗拉基米尔·普京,
#: 买买提·卡斯木, 珍妮特·耶伦): there they are a name's; without the dot they start or end too
#: many words (总理, 北京, 上海) to be read as one.
DOTTED_ONLY = frozenset("理约翰汤保史密威廉治爱唐登京龙罕琼肯戴纽夏盛买海詹珍代祖木延撒扬姗雪娃采伍丁"
                        "堤莲历迭胡路易怀贾欧奎宾侯赛义昂尧勃丝何岱叶金山瑞佐纪")
#: Those read before a name's last dot only (雅各布·卢): after it they start a word (…各下一城).
_GIVEN_ONLY = "各"
_D = "[" + "".join(sorted(TRANSLIT | DOTTED_ONLY)) + "]"
_G = "[" + "".join(sorted(TRANSLIT | DOTTED_ONLY | set(_GIVEN_ONLY))) + "]"
#: A dotted foreign name, as a draft writes it (玛丽萨·德·托莱多); `foreign_span` trims it.
DOTTED = lazy(_G + "{1,6}(?:·" + _G + "{1,8})*·" + _D + "{1,8}")
#: Titles that may run into a foreign name's first or last characters (总理安格拉·默克尔,
#: …·贝诺维茨博士, 卡尔·京特夫人).
_EDGE_TITLES = tuple(sorted({t for t in TITLE_ENDINGS if len(t) >= 2} | {"夫人"}, key=len, reverse=True))
#: Words a name's last characters may run into, starting with a character `DOTTED_ONLY` reads
#: as a name's (…·罗纳尔多保持不败, …·科尔登场): its titles, and verbs that follow a name.
_AFTER_WORDS = tuple(sorted(set(_EDGE_TITLES) | {"保持", "保证", "保住", "保护", "登场", "登上",
                                                 "登顶", "延续", "延长", "采访", "采取", "史上",
                                                 "海外", "金牌", "治疗", "代替"},
                            key=len, reverse=True))
#: Those longer than k characters, for each k `foreign_span` tries (a word of k characters
#: or fewer would be all inside the name).
_EDGE_LONGER = {k: tuple(t for t in _EDGE_TITLES if len(t) > k) for k in (1, 2, 3)}
_AFTER_LONGER = {k: tuple(t for t in _AFTER_WORDS if len(t) > k) for k in (1, 2)}
_BYLINE = lazy(r"(记者|通讯员|实习生|摄影|编辑|撰稿)[ 　:：]*(" + _NAME_CHAR + r"{2,4}?)(?=[ 　)）、，,]|$|通讯员|实习生|摄)")
_PHOTO = lazy(r"(?:^|[ 　。（(])(" + _NAME_CHAR + r"{2,4}?)[ 　]*摄(?![影像制入氏取])")
_FOREIGN = lazy(_G + "{1,6}(?:[·•・\\-]" + _G + "{1,8})*[·•・\\-]" + _D + "{1,8}")
#: What follows a titled name: a preposition, a list mark or the clause's end (总裁张安乐在…).
_AFTER_NAME = set("在对向于和与、，。；：（(等也还则就")
_SPEAKER = lazy(r"(?:^|[，。；：！？”」\s])(" + _NAME_CHAR + r"{2,3})(?=" + "|".join(SPEECH_VERBS) + ")")
_TITLED_FOREIGN = lazy("(?:" + "|".join(sorted(sorted(set(TITLE_ENDINGS)), key=len, reverse=True)) + ")(" +
                             _T + "{3,6})")
_NOT_IN_NAME = set("这那些个一了的是在不也都就还又其该此每各本我你他她它们有没但而")
_NOT_NAME_END = set("正是在说表介指告认等和与的也都已将从为曾就被把向对带分参获荣了今昨明称强透宣提夺打日月年")


def has_surname(name: str) -> bool:
    """Whether a name starts with a Chinese surname."""
    return name[:1] in SURNAMES or name[:2] in SURNAMES


def person_spans(text: str, toks: list[Token]) -> dict[tuple[int, int], list[str]]:
    """{(start, end): roles} of the people a sentence names."""
    out: dict[tuple[int, int], list[str]] = {}
    for m in _BYLINE.finditer(text):
        if has_surname(m.group(2)):
            out.setdefault(m.span(2), []).append("摄影" if m.group(1) == "摄影" else m.group(1))
    for m in _PHOTO.finditer(text):
        if has_surname(m.group(1)):
            out.setdefault(m.span(1), []).append("摄影")
    for m in _FOREIGN.finditer(text):  # 玛丽萨·德·托莱多: the dot marks a foreign person's name
        start, end = foreign_span(text, *m.span())
        if start < end and ("·" in text[start:end] or _cued(text, start, end)):
            out.setdefault((start, end), [])
    for start, end in _tagged_names(toks):
        if _cued(text, start, end) and has_surname(text[start:end]):
            out.setdefault((start, end), [])
    words = {(t.start, t.end): t.flag for t in toks}
    starts = {t.start: t for t in toks}
    for start, end in _titled_names(text):
        if words.get((start, end), "nr").startswith("nr") \
                and not _verb_then_word(starts, start, end):  # 官方表示: a common word, not a name
            out.setdefault((start, end), [])
    for start, end in _listed_names(text, list(out)):
        out.setdefault((start, end), [])
    return _without_overlaps(out)


def foreign_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the foreign name a `DOTTED` (or `_FOREIGN`) match holds at [start, end),
    without the last characters of a title that starts before it (总理安格拉·默克尔, 主席克劳迪奥·
    德阿尔贝蒂斯: 理 and 席 are names' characters too) or the first of a title or verb after it
    (…·贝诺维茨博士, …·罗纳尔多保持); what is left keeps a character before its first
    separator and one after its last."""
    first = min((i for i in range(start, end) if text[i] in "·•・-"), default=end)
    cut = max((k for k in range(1, min(3, first - start - 1) + 1)
               if text.endswith(_EDGE_LONGER[k], max(0, start + k - 8), start + k)),
              default=0)
    last = max(i for i in range(start, end) if text[i] in "·•・-") if first < end else start
    tail = max((k for k in range(1, min(2, end - last - 2) + 1)
                if text.startswith(_AFTER_LONGER[k], end - k)),
               default=0)
    return start + cut, end - tail


def _verb_then_word(starts: dict[int, Token], start: int, end: int) -> bool:
    """Whether the tagger reads a titled "name" as a one-character verb or preposition and a
    word that is no name (专家来运城: 来 + 运城, not a person 来运城)."""
    first, rest = starts.get(start), starts.get(start + 1)
    return first is not None and rest is not None and first.end == start + 1 \
        and first.flag in ("v", "p", "c", "d") and rest.end == end and not rest.flag.startswith("nr")


def _cued(text: str, start: int, end: int) -> bool:
    """A title right before the name, or a speech or action verb right after it."""
    before = text[max(0, start - 12):start].rstrip(" 　")
    after = text[end:end + 12].lstrip(" 　")
    after = re.sub(r"^(?:\d{1,2}日|今天|昨天|昨日|当天|日前|近日|也|还|则|又|曾|再次)", "", after)
    return before.endswith(TITLE_ENDINGS + NAMED_AS) or after.startswith(SPEECH_VERBS + ACTION_VERBS)


def _tagged_names(toks: list[Token]) -> list[tuple[int, int]]:
    """Spans of the tagger's person names, a surname token joined to its given name (吴/春耕)."""
    out = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.flag == "nr" and re.fullmatch(_NAME_CHAR + "+", tok.word):
            end = tok.end
            if len(tok.word) == 1 and i + 1 < len(toks) and toks[i + 1].flag == "nr" \
                    and len(toks[i + 1].word) <= 2:
                end = toks[i + 1].end
                i += 1
            if 2 <= end - tok.start <= 4:
                out.append((tok.start, end))
        i += 1
    return out


def _titled_names(text: str) -> list[tuple[int, int]]:
    """A surname-led name right after a title and right before a speech or action verb."""
    out = []
    for title in set(TITLE_ENDINGS):
        for m in re.finditer(re.escape(title) + "[ 　]?(" + _NAME_CHAR + "{2,3})", text):
            start = m.start(1)
            name = name_at(text, start)
            after = text[start + len(name):].lstrip(" 　")
            if has_surname(name) and not set(name[1:]) & _NOT_IN_NAME and (after.startswith(SPEECH_VERBS + ACTION_VERBS)
                                      or after[:1] and after[0] in _AFTER_NAME):
                out.append((start, start + len(name)))
    for m in _TITLED_FOREIGN.finditer(text):  # 埃塞俄比亚新星托勒查: a title, then a transliteration
        if not text[m.end():m.end() + 1] or text[m.end()] not in TRANSLIT:
            out.append(m.span(1))
    for m in _SPEAKER.finditer(text):  # 张安乐表示: a name opening a clause, then speaking
        name = name_at(text, m.start(1))
        rest = text[m.start(1) + len(name):]
        if has_surname(name) and rest.startswith(SPEECH_VERBS) and not rest.startswith(("说法", "说明")) \
                and not set(name[1:]) & _NOT_IN_NAME:
            out.append((m.start(1), m.start(1) + len(name)))
    return out


def name_at(text: str, start: int) -> str:
    """The name starting at `start`: three characters unless the third starts the next word."""
    name = text[start:start + 3]
    if len(name) == 3 and (name[2] in _NOT_NAME_END or not re.match(_NAME_CHAR, name[2])):
        name = name[:2]
    return name


def _listed_names(text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names listed with 、 beside a name already found (记者王伟、李明)."""
    out = []
    for start, end in found:
        pos = end
        while text[pos:pos + 1] == "、":
            name = name_at(text, pos + 1)
            if len(name) < 2 or not has_surname(name):
                break
            out.append((pos + 1, pos + 1 + len(name)))
            pos += 1 + len(name)
    return out


def _without_overlaps(spans: dict[tuple[int, int], list[str]]) -> dict[tuple[int, int], list[str]]:
    """The longest of overlapping spans, with every role any of them had."""
    out: dict[tuple[int, int], list[str]] = {}
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        last = next(reversed(out), None)
        if last is not None and span[0] < last[1]:
            out[last] += [r for r in spans[span] if r not in out[last]]
            continue
        out[span] = list(spans[span])
    return out
