"""The shipped registry holds every figure of the seed article's body with value and referent."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from factcheck.registry.files import default_claims_dir, dumps, load_file, sha256_text
from tests.conftest import SEED_ARTICLE

REGISTRY = default_claims_dir() / "workercn-2023-04-03.json"

#: (source words, value, what it counts) for every figure in paragraphs 18–42 of the article.
SEED_FIGURES = [
    ("768家", "768", "试点企业"),
    ("13个", "13", "特色产业园区"),
    ("44.8万余人", "448000", "产业工人"),
    ("40余万名", "400000", "高技能人才"),
    ("7个", "7", "主题宣传教育活动"),
    ("10个", "10", "职工思想政治教育基地"),
    ("3支", "3", "理论宣讲队"),
    ("200多场", "200", "宣讲活动"),
    ("50万人次", "500000", "线上线下"),
    ("63家", "63", "产教融合型试点企业"),
    ("6个", "6", "试点单位"),
    ("680多个", "680", "项目"),
    ("100%", "100", "证书试点率"),
    ("10个", "10", "教学点"),
    ("20个", "20", "培训点"),
    ("1805名", "1805", "职工"),
    ("15万人次", "150000", "职工"),
    ("500多家", "500", "企业"),
    ("720多场次", "720", "送教上门讲座"),
    ("200多场", "200", "劳动竞赛"),
    ("3.3万多人", "33000", "职工"),
    ("1.3万多项", "13000", "成果"),
    ("1186项", "1186", "专利"),
    ("1万元", "10000", "年平均工资"),
    ("15万元", "150000", "年薪"),
    ("182家", "182", "企业"),
    ("3.03亿元", "303000000", "经济效益"),
    ("1个", "1", "市级"),
    ("7个", "7", "辖市区级"),
    ("50个", "50", "镇街道"),
]


@pytest.fixture(scope="module")
def claims():
    return load_file(REGISTRY)[1]


@pytest.mark.parametrize("words,value,subject", SEED_FIGURES)
def test_seed_figure_registered(claims, words, value, subject):
    body = [c for c in claims if 18 <= c.line <= 42 and c.numeric]
    hits = [c for c in body if words in c.text and subject in c.subject]
    assert hits, f"{words} counting {subject} is not in the registry"
    assert any(c.value == Decimal(value) for c in hits)


def test_dates_and_ordinals_registered(claims):
    dates = {c.value for c in claims if c.kind == "date" and 18 <= c.line <= 42}
    assert {"2023-01-12", "2023-05-01", "2023-01"} <= dates
    ordinals = {(c.value, c.unit) for c in claims if c.kind == "ordinal"}
    assert (Decimal(34), "次") in ordinals and (Decimal(13), "届") in ordinals


def test_entities_registered(claims):
    people = {c.value for c in claims if c.kind == "person"}
    assert {"刘云清", "戎建刚", "杨杰"} <= people
    orgs = {c.value for c in claims if c.kind == "organisation"}
    assert {"中天钢铁集团", "常州市总工会", "中车戚墅堰机车车辆工艺研究所"} <= orgs
    assert "江苏省集体协商条例" in {c.value for c in claims if c.kind == "law"}


def test_no_furniture_claims(claims):
    assert all(c.line < 44 for c in claims), "page furniture after 责任编辑 must not be a claim"
    assert not any("84151598" in c.text for c in claims)


def test_labels_are_not_figures(claims):
    texts = {c.text for c in claims if c.numeric}
    assert not texts & {"532", "十四五", "1+X"}


def test_registry_round_trips_byte_for_byte():
    source, claims = load_file(REGISTRY)
    assert dumps(source, claims) == REGISTRY.read_text("utf-8")


def test_registry_is_fresh():
    source = json.loads(REGISTRY.read_text("utf-8"))["source"]
    article = SEED_ARTICLE
    assert source["sha256"] == sha256_text(article.read_bytes().decode("utf-8"))
    assert source["date"] == "2023-04-03"
