"""Whether a browser accepts a form's `pattern` as an HTML `pattern` attribute.

Browsers compile the attribute as `^(?:pattern)$` with the `v` flag (unicodeSets): stricter than
Python's `re` and than the `u` flag. Inside a character class `( ) [ ] { } / - \\ |` must be
escaped and doubled punctuators such as `..` are reserved; outside one, only syntax characters and
`/` may be escaped, and a lone `{`, `}` or `]` is an error. A pattern a browser rejects gives no
hint at all, silently — so `ekd validate` refuses it (ECMAScript 2024, §22.2.1).
"""

from __future__ import annotations

SYNTAX = frozenset("^$\\.*+?()[]{}|")
CLASS_SYNTAX = frozenset("()[]{}/-\\|")
CLASS_PUNCTUATORS = frozenset("&-!#%,:;<=>@`~")          # may be escaped inside a class
DOUBLED = frozenset("&!#$%*+,.:;<=>?@^`~")                # reserved when doubled inside a class
NAME = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")


class _Refused(Exception):
    pass


def browser_problem(pattern: str) -> str | None:
    """Why a browser refuses `pattern` with the `v` flag (Dutch), or None when it accepts it."""
    try:
        _Parser(pattern).parse()
    except _Refused as refused:
        return str(refused)
    return None


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.at = 0
        self.groups = 0
        self.names: set[str] = set()
        self.numbered: list[int] = []
        self.named: list[str] = []

    # -- reading ------------------------------------------------------------------------------
    def peek(self, ahead: int = 0) -> str:
        where = self.at + ahead
        return self.text[where] if where < len(self.text) else ""

    def eat(self, literal: str) -> bool:
        if self.text.startswith(literal, self.at):
            self.at += len(literal)
            return True
        return False

    def fail(self, reason: str):
        raise _Refused(f"{reason} (bij teken {self.at + 1})")

    # -- the pattern ------------------------------------------------------------------------------
    def parse(self) -> None:
        self.disjunction()
        if self.at < len(self.text):
            self.fail("')' zonder '('")
        if any(n > self.groups for n in self.numbered):
            raise _Refused(f"terugverwijzing \\{max(self.numbered)} naar een groep die er niet is")
        if missing := [n for n in self.named if n not in self.names]:
            raise _Refused(f"terugverwijzing \\k<{missing[0]}> naar een groep die er niet is")

    def disjunction(self) -> None:
        self.alternative()
        while self.eat("|"):
            self.alternative()

    def alternative(self) -> None:
        while self.at < len(self.text) and self.peek() not in "|)":
            self.term()

    def term(self) -> None:
        char = self.peek()
        if char in "^$" or self.text.startswith(("\\b", "\\B"), self.at):
            self.at += 1 if char in "^$" else 2
            self.not_repeated("een anker")
            return
        if self.text.startswith(("(?=", "(?!", "(?<=", "(?<!"), self.at):
            self.at += 4 if self.peek(2) == "<" else 3
            self.close_group()
            self.not_repeated("een vooruit- of terugblik")
            return
        self.atom()
        self.quantifier()

    def not_repeated(self, what: str) -> None:
        if self.peek() in ("*", "+", "?", "{"):
            self.fail(f"{what} kan niet herhaald worden met de v-vlag")

    def atom(self) -> None:
        char = self.peek()
        if char == "(":
            self.group()
        elif char == "[":
            self.character_class()
        elif char == "\\":
            self.atom_escape()
        elif char in "*+?":
            self.fail(f"'{char}' herhaalt niets")
        elif char in "{}]":
            self.fail(f"'{char}' moet geëscapet worden als '\\{char}' met de v-vlag")
        else:
            self.at += 1

    def group(self) -> None:
        if self.eat("(?:"):
            pass
        elif self.eat("(?<"):
            name = self.group_name()
            if name in self.names:
                self.fail(f"de groepsnaam '{name}' komt twee keer voor")
            self.names.add(name)
            self.groups += 1
        elif self.text.startswith("(?", self.at):
            self.fail(f"'{self.text[self.at:self.at + 3]}' is geen groep die browsers kennen "
                      "(gebruik '(?:…)' of '(?<naam>…)')")
        else:
            self.at += 1
            self.groups += 1
        self.close_group()

    def close_group(self) -> None:
        self.disjunction()
        if not self.eat(")"):
            self.fail("')' ontbreekt")

    def group_name(self) -> str:
        start = self.at
        while self.peek() and self.peek() in NAME:
            self.at += 1
        name = self.text[start:self.at]
        if not name or name[0].isdigit() or not self.eat(">"):
            self.fail("ongeldige groepsnaam")
        return name

    def quantifier(self) -> None:
        char = self.peek()
        if char in ("*", "+", "?"):
            self.at += 1
        elif char == "{":
            self.braces()
        else:
            return
        self.eat("?")
        if self.peek() in ("*", "+", "?", "{"):
            self.fail(f"'{self.peek()}' herhaalt niets")

    def braces(self) -> None:
        self.at += 1
        low = self.digits()
        high = low
        if self.eat(","):
            high = self.digits() if self.peek().isdigit() else None
        if low is None or not self.eat("}"):
            self.fail("'{' zonder geldige herhaling ({n}, {n,} of {n,m}); escape het als '\\{'")
        if high is not None and high < low:
            self.fail(f"herhaling {{{low},{high}}} loopt achteruit")

    def digits(self) -> int | None:
        start = self.at
        while self.peek().isdigit():
            self.at += 1
        return int(self.text[start:self.at]) if self.at > start else None

    # -- escapes ----------------------------------------------------------------------------------
    def atom_escape(self) -> None:
        following = self.peek(1)
        if following == "":
            self.fail("'\\' aan het einde")
        if following in "dDsSwW":
            self.at += 2
        elif following in "pP":
            self.at += 2
            self.property_name()
        elif following == "k":
            self.at += 2
            if not self.eat("<"):
                self.fail("'\\k' zonder '<naam>'")
            self.named.append(self.group_name())
        elif following in "123456789":
            self.at += 1
            self.numbered.append(self.digits() or 0)
        else:
            self.character_escape()

    def character_escape(self) -> int:
        following = self.peek(1)
        self.at += 2
        if following in "fnrtv":
            return {"f": 12, "n": 10, "r": 13, "t": 9, "v": 11}[following]
        if following == "c":
            letter = self.peek()
            if not (letter.isascii() and letter.isalpha()):
                self.fail("'\\c' moet gevolgd worden door een letter")
            self.at += 1
            return ord(letter) % 32
        if following == "0":
            if self.peek().isdigit():
                self.fail("'\\0' mag niet gevolgd worden door een cijfer met de v-vlag")
            return 0
        if following == "x":
            return self.hex(2)
        if following == "u":
            if self.eat("{"):
                start = self.at
                while self.peek() and self.peek() in "0123456789abcdefABCDEF":
                    self.at += 1
                digits = self.text[start:self.at]
                if not digits or not self.eat("}") or int(digits, 16) > 0x10FFFF:
                    self.fail("ongeldige '\\u{…}'")
                return int(digits, 16)
            return self.hex(4)
        if following in SYNTAX or following == "/":
            return ord(following)
        self.at -= 2
        self.fail(f"'\\{following}' is geen geldige escape met de v-vlag")
        raise AssertionError   # pragma: no cover - fail() raises

    def hex(self, count: int) -> int:
        digits = self.text[self.at:self.at + count]
        if len(digits) != count or any(c not in "0123456789abcdefABCDEF" for c in digits):
            self.fail(f"een hexadecimale escape heeft {count} cijfers nodig")
        self.at += count
        return int(digits, 16)

    def property_name(self) -> None:
        if not self.eat("{"):
            self.fail("'\\p' zonder '{naam}'")
        start = self.at
        while self.peek() and (self.peek().isalnum() or self.peek() in "_="):
            self.at += 1
        if self.at == start or not self.eat("}"):
            self.fail("ongeldige '\\p{…}'")

    # -- character classes in v-mode ----------------------------------------------------------
    def character_class(self) -> None:
        self.at += 1
        negated = self.eat("^")
        strings = self.class_contents()
        if not self.eat("]"):
            self.fail("']' ontbreekt")
        if negated and strings:
            self.fail("een ontkende tekenklasse '[^…]' kan geen '\\q{…}' met meer dan één teken bevatten")

    def class_contents(self) -> bool:
        """Read a union, an intersection (&&) or a subtraction (--); True when it may hold strings."""
        if self.peek() == "]":
            return False
        kind, strings = self.class_operand(ranges=True)
        operator = "&&" if self.text.startswith("&&", self.at) else "--" if self.text.startswith("--", self.at) \
            else None
        if operator:
            if kind == "range":
                self.fail(f"een bereik kan niet in een '{operator}' met de v-vlag; zet het tussen '[…]'")
            while self.eat(operator):
                if self.peek() == operator[0]:
                    self.fail(f"'{operator}{operator[0]}' in een tekenklasse")
                self.class_operand(ranges=False)
            if self.peek() != "]":
                self.fail(f"'{operator}' mengt niet met andere tekens in één tekenklasse; zet ze tussen '[…]'")
            return strings and operator == "&&"
        while self.peek() != "]":
            if self.at >= len(self.text):
                self.fail("']' ontbreekt")
            if self.text.startswith(("&&", "--"), self.at):
                self.fail(f"'{self.text[self.at:self.at + 2]}' mengt niet met andere tekens in één tekenklasse; "
                          "zet ze tussen '[…]'")
            strings = self.class_operand(ranges=True)[1] or strings
        return strings

    def class_operand(self, ranges: bool) -> tuple[str, bool]:
        if self.peek() == "[":
            self.character_class()
            return "nested", False
        if self.text.startswith("\\q{", self.at):
            return "strings", self.string_disjunction()
        if self.peek() == "\\" and self.peek(1) in "dDsSwWpP":
            self.atom_escape()
            return "escape", False
        low = self.class_character()
        if ranges and self.peek() == "-" and self.peek(1) != "-":
            self.at += 1
            if self.peek() == "[" or self.text.startswith(("\\q", "\\d", "\\D", "\\s", "\\S", "\\w", "\\W", "\\p",
                                                           "\\P"), self.at):
                self.fail("een bereik moet tussen twee tekens liggen")
            high = self.class_character()
            if high < low:
                self.fail("een bereik loopt achteruit")
            return "range", False
        return "character", False

    def string_disjunction(self) -> bool:
        self.at += 3
        longer, length = False, 0
        while not self.eat("}"):
            if self.at >= len(self.text):
                self.fail("'}' ontbreekt na '\\q{'")
            if self.eat("|"):
                longer, length = longer or length != 1, 0
                continue
            self.class_character()
            length += 1
        return longer or length != 1

    def class_character(self) -> int:
        char = self.peek()
        if char == "":
            self.fail("']' ontbreekt")
        if char == "\\":
            following = self.peek(1)
            if following in CLASS_PUNCTUATORS and following:
                self.at += 2
                return ord(following)
            if following == "b":
                self.at += 2
                return 8
            return self.character_escape()
        if char in CLASS_SYNTAX:
            self.fail(f"'{char}' moet in een tekenklasse geëscapet worden als '\\{char}' "
                      "(browsers lezen het patroon met de v-vlag)")
        if char in DOUBLED and self.peek(1) == char:
            self.fail(f"'{char}{char}' is voorbehouden in een tekenklasse met de v-vlag; escape één van beide")
        self.at += 1
        return ord(char)
