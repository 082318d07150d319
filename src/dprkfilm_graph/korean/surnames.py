"""Is a name in Latin letters a Korean name? Told by its first word being a Korean surname.

Spreadsheets list Korean and foreign crew side by side ("Nicholas Bonner; Kim Gwang-hun"); a
Korean name in Latin letters is Korean in romanization (ko-Latn), a foreign one is not, and
tagging it so would send it through Korean matching and romanization for nothing.
"""

from __future__ import annotations

import re
from functools import cache

from dprkfilm_graph.korean.hangul import has_hangul
from dprkfilm_graph.korean.matchkey import korean_key
from dprkfilm_graph.korean.romanize import System, romanize

# The common Korean surnames (well over 95 % of the population of either Korea).
_HANGUL_SURNAMES = """
김 이 리 박 최 정 강 조 윤 장 임 림 한 오 서 신 권 황 안 송 전 홍 유 류 고 문 양 량 손 배 백 허 남
심 노 로 하 곽 성 차 주 우 구 민 나 라 진 지 엄 채 원 천 방 공 현 함 변 염 렴 여 려 추 도 소 석 선
설 마 길 연 위 표 명 기 반 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 황보 남궁 제갈
선우 독고 사공 서문
"""
# Spellings no romanization system gives, but which these surnames are usually written with.
_CONVENTIONAL = """
lee rhee yi park pak choi choe jung chung cheong joung yoon yun yoo yu you ryu ryoo shin sin lim
im rim oh o noh roh ro kang ghang cho jo jeon jun chun chon jon song han hahn koh ko suh seo hwang
ahn an kwon kwun hong moon mun bae pae paek baek back hyun hyon ham kim gim kil gil chae chai min
um eom om ryom yom yeom
"""
HANGUL_SURNAMES = tuple(_HANGUL_SURNAMES.split())
CONVENTIONAL = frozenset(_CONVENTIONAL.split())


@cache
def _surname_keys() -> frozenset[str]:
    keys = {korean_key(s) for s in CONVENTIONAL}
    for surname in HANGUL_SURNAMES:
        for system in (System.MR, System.RR, System.DPRK):
            keys.add(korean_key(romanize(surname, system)))
    keys.discard("")
    return frozenset(keys)


def is_korean_name(name: str) -> bool:
    """True for a Hangul name, or a Latin one whose first word is a Korean surname.

    >>> is_korean_name("Phyo Kwang"), is_korean_name("Nicholas Bonner")
    (True, False)
    """
    if has_hangul(name):
        return True
    words = re.findall(r"[^\W\d_]+", name)
    return bool(words) and korean_key(words[0]) in _surname_keys()
