"""A synthetic news corpus: N wire-style articles whose names come from large pools.

States, organizations, places and alliances are the ones in graphkit's own
dictionaries (graphkit/ingest/data/*.jsonl); people are generated from first
names and surnames (~16,000 combinations). Actors are drawn with a heavy head
and a long tail, so a few appear in most articles and new ones keep turning up:
the graph grows the way a real corpus's does, not one copy of the same story.

    python benchmarks/corpus.py 200 out/bench/corpus   # write 200 articles as files
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from graphkit.ingest.reader import ArticleText, article_from_text


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words("""Ahmed Aleksandr Ali Amir Ana Andrea Anna Antonio Arif Ayesha Beatriz Boris Carlos Carmen Chen
    Daniel David Dmitry Elena Emily Erik Fatima Felipe Hana Hassan Hyun Ibrahim Igor Ines Ivan Jae James
    Javier Jin John Jorge Jose Juan Kamal Karim Kenji Khalid Kim Lars Laura Lee Leila Li Lina Luis Maria
    Marie Mark Marta Maxim Mehmet Mei Michael Mikhail Min Mohammed Nadia Natalia Nikolai Noor Olga Omar
    Oleksandr Park Paul Pedro Peter Rafael Rahul Ravi Robert Rosa Sami Sarah Sergei Shinji Sofia Sung
    Takeshi Tariq Thomas Valentina Viktor Wang Wei Yasmin Yuki Yuri Zainab Zhang Ahn Oksana Tomas Hiroshi
    Ngozi Kwame Amina Thabo Aisha Jakub Piotr Katarzyna Gustavo Lucia Ricardo Hamid Reza Farid Dariusz""")
LAST = _words("""Abadi Akhtar Alvarez Andersen Antonov Baek Bakr Banerjee Barros Becker Bianchi Borisov Castro Cho
    Choi Costa Cruz Dahl Diaz Dubois Egorov Eriksen Farouk Fernandez Fischer Garcia Gomez Gonzalez Haddad
    Hakimi Hansen Hashemi Hoffmann Hussein Ibrahimov Ivanov Jansen Jung Kang Karimi Kaya Khan Kovalenko
    Kozlov Kumar Kuznetsov Lambert Larsen Lebedev Lim Lopez Malik Marin Martins Medina Mendez Mikhailov
    Moreau Morozov Murata Nakamura Navarro Nguyen Novak Novikov Okafor Oliveira Orlov Ortega Park Pavlov
    Pereira Petrov Popescu Qureshi Rahman Ramos Reyes Rios Rossi Saito Salazar Santos Schmidt Shevchenko
    Silva Sokolov Suzuki Takahashi Tanaka Torres Usmanov Vargas Volkov Wagner Watanabe Weber Yamamoto
    Yilmaz Zaitsev Zhou Osei Mensah Adeyemi Nowak Kowalski Horvat Dimitrov Georgiev Papadopoulos Rezaei
    Moradi Tahir Siddiqui Haider Sato Kobayashi Chowdhury Mwangi Otieno Bondarenko Melnyk Tkachenko""")

TITLES = ["Foreign Minister", "Defense Minister", "Prime Minister", "President", "Deputy Foreign Minister",
          "Interior Minister", "Trade Minister", "national security adviser", "ambassador", "envoy",
          "lawmaker", "spokesman", "spokeswoman", "army chief", "General", "Finance Minister"]
ISSUES = ["the naval drills near its coast", "the latest missile launch", "new sanctions on its banks",
          "the expansion of the military base", "attacks on civilian infrastructure", "the border closure",
          "the detention of two journalists", "the grain export deal", "the ceasefire violations",
          "the troop build-up along the frontier", "the nuclear program", "cyber attacks on its ministries"]
QUOTES = ["We will not accept any interference in our internal affairs",
          "This is a dangerous escalation that threatens the whole region",
          "Our cooperation will only grow stronger in the years ahead",
          "The door to dialogue remains open, but patience has limits",
          "Those responsible will be held accountable",
          "We stand ready to defend our sovereignty by every means",
          "The agreement opens a new chapter in our relations",
          "Sanctions have never solved a single problem"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class Pools:
    """Names to draw from: dictionary entries plus generated people."""

    states: list[dict]
    orgs: list[dict]
    media: list[dict]
    places: list[dict]
    alliances: list[dict]
    people: list[str]


def _jsonl(name: str) -> list[dict]:
    text = resources.files("graphkit.ingest").joinpath("data", name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip() and not line.startswith("#")]


def load_pools(seed: int = 1) -> Pools:
    rng = random.Random(seed)
    states = [s for s in _jsonl("states.jsonl") if s.get("demonyms")]
    orgs = _jsonl("organizations.jsonl")
    people = [f"{f} {last}" for f in FIRST for last in LAST]
    for pool in (states, orgs, people):
        rng.shuffle(pool)  # the head of the skewed draw is a random, not alphabetical, set
    return Pools(states=states, orgs=[o for o in orgs if o["kind"] != "media"],
                 media=[o for o in orgs if o["kind"] == "media"],
                 places=[p for p in _jsonl("places.jsonl") if p["kind"] == "city"],
                 alliances=_jsonl("alliances.jsonl"), people=people)


class _Writer:
    """Draws names for one article and fills the sentence templates."""

    def __init__(self, pools: Pools, rng: random.Random) -> None:
        self.p, self.rng = pools, rng

    def pick(self, pool: list, skew: float = 2.5):
        """A heavy-headed draw: low indexes are common, the tail still turns up."""
        return pool[int(len(pool) * self.rng.random() ** skew)]

    def state(self) -> dict:
        return self.pick(self.p.states, 3.0)

    def official(self) -> str:
        s = self.state()
        return f"{s['demonyms'][0]} {self.rng.choice(TITLES)} {self.pick(self.p.people)}"

    def actor(self) -> str:
        roll = self.rng.random()
        if roll < 0.45:
            return self.state()["name"]
        if roll < 0.75:
            return self.official()
        return "the " + self.pick(self.p.orgs)["name"]

    def sentence(self) -> str:
        r, a, b = self.rng, self.actor(), self.actor()
        s, t = self.state(), self.state()
        person, agency = self.pick(self.p.people), self.pick(self.p.media, 1.5)["name"]
        city, alliance = self.pick(self.p.places, 2.0)["name"], self.pick(self.p.alliances, 2.0)["name"]
        day, issue, quote = r.choice(WEEKDAYS), r.choice(ISSUES), r.choice(QUOTES)
        templates = [
            f"{a} met {b} in {city} on {day}, {agency} reported.",
            f"{a} warned {b} against {issue}, according to {agency}.",
            f"{a} accused {b} of {issue}.",
            f"{a} criticized {b} over {issue} in a statement on {day}.",
            f"“{quote},” {s['demonyms'][0]} {r.choice(TITLES)} {person} said.",
            f"{person}, {s['name']}'s {r.choice(TITLES).lower()}, said {t['name']} had violated the agreement.",
            f"{s['name']} has sent thousands of troops to {t['name']}, {agency} said.",
            f"{s['name']} supplied missiles and artillery shells to {t['name']}, officials said.",
            f"{s['name']} and {t['name']} signed the {alliance} in {city}.",
            f"{a} urged {b} to return to talks.",
            f"{a} praised {b} for its support during the crisis.",
            f"{a} threatened {b} with retaliation over {issue}.",
            f"{s['name']} and {t['name']} agreed to strengthen cooperation in trade and security.",
            f"{s['demonyms'][0]} forces attacked positions near {city} overnight, the {agency} reported.",
            f"{a} voiced support for {b} at a summit in {city}.",
            f"{s['name']} condemned {issue} and called on {t['name']} to show restraint.",
            f"{a} visited {t['name']} on {day} for talks on {issue}.",
            f"The meeting between {a} and {b} lasted three hours, {agency} said.",
        ]
        text = r.choice(templates)
        return text[0].upper() + text[1:]

    def article(self, number: int, day: date) -> tuple[str, str]:
        a, b = self.state(), self.state()
        title = f"{a['name']} and {b['name']} trade accusations over {self.rng.choice(ISSUES)} ({number})"
        paras = []
        for _ in range(self.rng.randint(7, 11)):  # ~300 words, a typical wire story
            paras.append(" ".join(self.sentence() for _ in range(self.rng.randint(2, 3))))
        text = f"{title}\n{a['capital'].upper()}, {day:%B} {day.day} ({self.pick(self.p.media, 1.5)['name']}) - " \
               + "\n".join(paras) + "\n"
        return title, text


def generate(n: int, seed: int = 7) -> Iterator[ArticleText]:
    """``n`` articles, the same ones for the same ``n`` and ``seed`` (a prefix of any bigger corpus)."""
    pools = load_pools()
    rng = random.Random(seed)
    writer = _Writer(pools, rng)
    start = date(2024, 1, 1)
    for i in range(n):
        day = start + timedelta(days=i % 700)
        title, text = writer.article(i, day)
        yield article_from_text(text, f"<bench {i}>", title=title, source="bench wire",
                                published=day.isoformat())


def write(n: int, folder: str | Path, seed: int = 7) -> Path:
    """Write ``n`` articles as ``NNNNNN.txt`` plus ``.meta.json`` sidecars; return the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for i, art in enumerate(generate(n, seed)):
        (folder / f"{i:06d}.txt").write_text(art.text, encoding="utf-8")
        meta = {"title": art.title, "source": art.source, "published": art.published}
        (folder / f"{i:06d}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


if __name__ == "__main__":
    write(int(sys.argv[1]), sys.argv[2])
