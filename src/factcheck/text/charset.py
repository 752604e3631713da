"""Tell GB18030 (GBK, GB2312) from Big5 for legacy Chinese bytes by how common the decoded characters are.

Both encodings decode most of each other's byte pairs, so "it decodes" proves little: Big5
read as GB18030 gives kana, private-use and rare characters, and GBK read as Big5 gives rare
traditional ones. We decode every candidate and keep the one whose characters a Chinese
reader meets most often.
"""

from __future__ import annotations

from functools import lru_cache

#: The 1,500 most frequent simplified characters (word frequencies of jieba's dictionary,
#: summed per character), most frequent first.
_TOP = (
    "一是人了不在有大中国和为这上他个地年来我会以到时要出的生学说道民家子也成行下们于后就发自之对得主长可过天作分方用多你着部"
    "能市等业全里工公经本都而高政法面门动日进区事代那去心小同北定开产前其军还然起种所如现理机体表力好外与文当两实重新三么只山"
    "水关明从化平建又制南内西没此将员名手最东头者月间无安看见各城十相但已些正口通想度加第她合院物性战由位常点海意场武使次二向"
    "治因立数样身情入原问把路被并利石老教万知级量任江及应省资委务元美特期世湖回系比气汉总展电科金先声提品设或义王社很统处四首"
    "共马形己儿司太目基领队直计别女权话少流命至报米给打变果书清活几州华解议更称程今决张导术府才保交放管结师便走达族反再题色五"
    "京河接条规式县白它改风光运信受什组听布百济党指论强做取技黄神选记斯真却职号界件花类何眼兵传带空干农边据集联古广完质阳难增"
    "历史专官每住商即步认车台林必死游举线言皇土团收考求德叫近备研争非具李众连调感转笑革该持始英克士尔让拉思根格造较际亲单朝红"
    "型价校约器字段周亚深候则功属积快图火千准究往极育装许参半令吃观鱼精办像帝八复影告远群包整构料随划算象容示投势热值夫网望源"
    "息语股铁断派速怎需片爱律纪支早况病境证编越局推满且列觉服双未居除乐企引标确织初青志率项飞球节察龙响药站施均消客失轻存低甚"
    "般击曾防请离落显罗营足素视护副食创余照兴占巴虽洲村费易试星木黑左宝置跟央识维采六底宫房音环案批切斗富乡另倒若按查故突责严"
    "桥模仅胜杀围席态破承招杨负层须父供续状域似依银范修找九致密终血旅钱赛独细效玉冲获习医演毛尽脸弹楼艺航陆右协七攻镇检写苏宗"
    "章注阿抗弟坐验封紧劳户优财养适陈喜卫排射哥油刻留急降念云微伤例景拿绝阶座刘刚害印亿沙母酒助闻超审待压升送监策略限竟香配藏"
    "敌呢差仍兰温园树征善波哪词岛止预怕继皮执味份角草男普答益谁船惊核街夏宣掌田久著画辑奇尼剑吧谈背免孩礼材愿洋春架筑括晚乱乎"
    "讲尚良友临激刀夜室既敢邦挥昌板胡欧福港叶简苦担句岁荆贵娘守辖威宜衣帮块堂额错剧充欢够孙班呼阵销坚练脚退读测吴希宁换版异某"
    "顾曲楚典朱毒菜判救宋茶洪含顺啊鲜败货矿端兄归冷忙买险康评肉吗厂永哈沉散遗停笔假输牛洞松渐顶训录否述毕督控丰献姑忽爷互亮纳"
    "襄登咱钟伯臣雄季脑介鄂召饭暗扩祖齐短烈赶牌恩诉移诗础露届蒙静喝盘卖植授伊湾博痛减穿逐秘庭陵固禁票灵杂姓泽吸侧庆妈遇追甲馆"
    "补唐炮沿殿刺怪彩俄旧警索岸轮妇载靠附毫怀软骨探雷旁罪枪牙迎序慢盛雨墙恶谷顿危稳熟概酸操诸绿佛荣针托宽折野付午肯库厚缺罢耳"
    "屋嘴末谢巨培页瓦款犯困店智拥雪翻圣戏旗吉婚奖岩疑币圆歌廷健卡烧析讨跑烟误仙疗舞亡闭汽伸脱秋姐繁侵川莫麻秀借寻私岗卷跳丽横"
    "驻套兼您君丁束纸夺袁灯坏坦丝径购阴床瞧择墓宪峰遍鲁庙掉丹桃御舰避售怒课播拔奥延虚隐粮络遭摇潜庄混厅婆奴鼓赵访睡震予童徐韦"
    "殖抓拜吨扬址洛休纵逃染纷贸透汇灭蛋森仪塔距狐融郡缓聚盖拍迹忠释润粉涓孔岭搜紫虑促抵钢塞寺津液码虎坛珍硬梁奔累役偏迫锛凡损"
    "壁哭替税综伦冰盟挂韩竞乌尤弱铺妹秦尊竹珠迅脉泥鬼纯睛刑途隆潮幅杯握谋剂幸奉乘抱朋谓频崇壮骑紝恐享鸡虫绍铜呈泛械摆欲奶敬措"
    "爆暴签猛郭嘉障缩亦废搞胞埃曰撤暖寒订俗绩阻盐萨勒忘奏孝贴灰梅触玩默醒胸莲篇柱裁啦淡抢捕闹纺截讯朗誉雅忍梦伙勇峡徒丈尾迷唱"
    "泉泰佳残闪伍呀疾署剩贼冠倾豆申贫诺麦泪羊尖辈镜涉贡爹缘摩妻殊贝零映甘骂糖岳饮奋棉雕跃汗冒渡努赞启阁斤裂患伏池鹿洗劲晋倍圈"
    "媒箭沟锋胆凭挑抬闯隔弄曹汤苗迁叹唯振储贯彻桌祭符僧衡炸旋喊凤黎郎援肥磁忌赏辽祥董仁辛瑞询敏浪貌毁昨巧腿抽荷陷焦净腹弃乃湘"
    "亩滑狗冬宏皆番尸伟桂览恢龄绕趣晶坡魏摸伴墨浓绪舍蓝荡阅井鸿旦惯症鸟窗扎辞聘穷堰宇键荒递恨隶厉杜闲腰袭侍灾涨叔湿寨幕豪郑磨"
)

#: Legacy encodings tried, in tie-break order (mainland first), and whether the script is traditional.
CANDIDATES = (("gb18030", False), ("big5", True), ("cp950", True), ("big5hkscs", True))
#: Characters scored per candidate: enough to decide, bounded for huge files.
SAMPLE = 20_000
_NEUTRAL = frozenset("，。、；：？！“”‘’（）《》【】—…·「」『』〈〉％〇・•\u3000\r\n\t")


def guess_legacy(data: bytes, min_score: int | None = None) -> tuple[str, str] | None:
    """The most plausible (text, encoding) among the legacy Chinese encodings, or None.

    With `min_score`, None also when even the best candidate scores below it.
    """
    best: tuple[int, int, str, str] | None = None
    big5 = False
    for rank, (enc, traditional) in enumerate(CANDIDATES):
        if traditional and big5:
            continue  # a Big5 variant already decoded; its supersets read the same bytes alike
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        big5 = big5 or traditional
        cand = (score(text[:SAMPLE], traditional), -rank, text, enc)
        if best is None or cand[:2] > best[:2]:
            best = cand
    if best is None or (min_score is not None and best[0] < min_score):
        return None
    return best[2], best[3]


def looks_misread(text: str) -> bool:
    """Whether valid UTF-8 is likely short GBK or Big5: no CJK, but a jumble of scripts below U+0800.

    A GBK or Big5 pair can happen to be a two-byte UTF-8 sequence (师 is CA A6, UTF-8 for ʦ);
    real text in one alphabet keeps to one script, mojibake hops between several.
    """
    scripts: set[object] = set()
    if sum(not ch.isascii() for ch in text[:SAMPLE]) < 2:
        return False  # one odd letter is too little evidence against valid UTF-8
    for ch in text:
        o = ord(ch)
        if o < 0xC0 or o in (0xD7, 0xF7):
            continue  # ASCII, Latin-1 punctuation and symbols go with any script
        if o >= 0x800:
            return False
        if 0x2B0 <= o < 0x370:
            return True  # spacing modifiers and combining marks with nothing to modify
        scripts.add("latin" if o < 0x250 else "ipa" if o < 0x2B0 else "greek" if o < 0x400
                    else "cyrillic" if o < 0x530 else o >> 7)
    return len(scripts) > 1


def score(text: str, traditional: bool) -> int:
    """Sum of per-character plausibility: frequent characters score high, debris negative."""
    from factcheck.text.document import normalise  # the one OpenCC user

    common = _big5_level1() if traditional else _gb2312_level1()
    simple = normalise(text) if traditional else text
    top = _top()
    total = 0
    for ch, s in zip(text, simple):
        if ch.isascii() and (ch >= " " or ch in "\r\n\t"):
            continue
        if ch in _NEUTRAL or "\uff01" <= ch <= "\uff5e":
            continue
        total += _weight(ch, s in top, ch in common)
    return total


def _weight(ch: str, frequent: bool, common: bool) -> int:
    if frequent:
        return 3 if common else 2
    if common:
        return 1
    o = ord(ch)
    if o < 0x20 or 0x7F <= o < 0xA0 or 0xE000 <= o <= 0xF8FF or 0x3040 <= o <= 0x30FF:
        return -3  # controls, private use, kana: debris of a wrong decoding
    return 0 if "\u3400" <= ch <= "\u9fff" else -1


@lru_cache(maxsize=1)
def _top() -> frozenset[str]:
    return frozenset("".join(_TOP))


@lru_cache(maxsize=1)
def _gb2312_level1() -> frozenset[str]:
    """GB2312's 3,755 level-1 (common) hanzi: rows 0xB0-0xD7."""
    return _decodable("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))


@lru_cache(maxsize=1)
def _big5_level1() -> frozenset[str]:
    """Big5's 5,401 frequently used hanzi: 0xA440-0xC67E."""
    trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    return _decodable("big5", range(0xA4, 0xC6), trails) | _decodable("big5", [0xC6], range(0x40, 0x7F))


def _decodable(enc: str, leads, trails) -> frozenset[str]:
    out = set()
    for a in leads:
        for b in trails:
            try:
                out.add(bytes((a, b)).decode(enc))
            except UnicodeDecodeError:
                pass
    return frozenset(out)
